import { beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser } from "@/server/services/users";
import { db } from "@/server/db";
import { signWebhookBody, webhookSigningKey } from "@/server/crypto/webhook-signature";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

async function userCaller(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email } }));
}

const WEBHOOK_TASK = {
  task_name: "回调",
  schedule_type: "simple",
  time_points: ["09:00"],
  execution_type: "webhook",
  webhook_url: "https://hooks.example.test/a",
  script_language: "javascript",
} as const;

describe("a webhook task's signing key: show and rotate", () => {
  beforeEach(async () => {
    await resetDb();
    await tenantWithToken("acme");
    await tenantWithToken("globex");
    for (const [email, role, tenant] of [
      ["ops@acme.test", "tenant_admin", "acme"],
      ["look@acme.test", "viewer", "acme"],
      ["ops@globex.test", "tenant_admin", "globex"],
    ] as const)
      await createUser({ scope: platformScope(), input: { email, role, tenant_id: tenant } });
  });

  it("rotates to a new key that signs the next calls, keeps the old key for tasks never rotated, and audits it", async () => {
    const ops = await userCaller("ops@acme.test");
    const task = await ops.tasks.create(WEBHOOK_TASK);
    const before = await ops.tasks.webhookKey({ id: task.id });
    // Never rotated: the same key as before rotation existed (receivers keep verifying).
    expect(before.key).toBe(webhookSigningKey(task.id));

    const after = await ops.tasks.rotateWebhookKey({ id: task.id });
    expect(after.key).not.toBe(before.key);
    expect((await ops.tasks.webhookKey({ id: task.id })).key).toBe(after.key);
    expect(after.key).toBe(webhookSigningKey(task.id, 1));
    expect(signWebhookBody(task.id, "{}", 1000, 1)).not.toBe(signWebhookBody(task.id, "{}", 1000, 0));
    // A second rotation gives yet another key.
    expect((await ops.tasks.rotateWebhookKey({ id: task.id })).key).not.toBe(after.key);

    const audit = await db.auditLog.findMany({ where: { action: "task.webhook_key_rotate" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(after.key);
  });

  it("refuses a viewer and another tenant", async () => {
    const ops = await userCaller("ops@acme.test");
    const task = await ops.tasks.create(WEBHOOK_TASK);
    const viewer = await userCaller("look@acme.test");
    await expect(viewer.tasks.rotateWebhookKey({ id: task.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
    const other = await userCaller("ops@globex.test");
    await expect(other.tasks.rotateWebhookKey({ id: task.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).webhookKeyVersion).toBe(0);
  });
});
