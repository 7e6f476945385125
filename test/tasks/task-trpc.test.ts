import { beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { db } from "@/server/db";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser } from "@/server/services/users";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

const TASK = {
  task_name: "脚本任务",
  schedule_type: "cron" as const,
  cron_expression: "0 9 * * 1-5",
  script_content: "result = 'v1'",
};

async function callerFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return createCaller(createContext({ user: { id: user.id, email } }));
}

const rejectsWith = (p: Promise<unknown>, code: TRPCError["code"]) =>
  expect(p).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);

describe("tasks through tRPC", () => {
  beforeEach(async () => {
    await resetDb();
    await tenantWithToken("tenant-a");
    await tenantWithToken("tenant-b");
    for (const [email, tenant, role] of [
      ["a@a.test", "tenant-a", "tenant_admin"],
      ["b@b.test", "tenant-b", "tenant_admin"],
      ["v@a.test", "tenant-a", "viewer"],
    ] as const) {
      await createUser({ scope: platformScope(), input: { email, role, tenant_id: tenant } });
    }
  });

  it("answers NOT_FOUND on every procedure for another tenant's task and changes nothing", async () => {
    const b = await callerFor("b@b.test");
    const theirs = await b.tasks.create(TASK);
    const a = await callerFor("a@a.test");
    const id = theirs.id;
    await rejectsWith(a.tasks.get({ id }), "NOT_FOUND");
    await rejectsWith(a.tasks.update({ id, data: { task_name: "x" } }), "NOT_FOUND");
    await rejectsWith(a.tasks.toggle({ id }), "NOT_FOUND");
    await rejectsWith(a.tasks.delete({ id }), "NOT_FOUND");
    await rejectsWith(a.tasks.run({ id }), "NOT_FOUND");
    await rejectsWith(a.tasks.logs({ id, page: 1, page_size: 20 }), "NOT_FOUND");
    await rejectsWith(a.tasks.versions({ id }), "NOT_FOUND");
    await rejectsWith(a.tasks.version({ id, version: 1 }), "NOT_FOUND");
    await rejectsWith(a.tasks.diff({ id, from: 1 }), "NOT_FOUND");
    await rejectsWith(a.tasks.restore({ id, version: 1 }), "NOT_FOUND");
    expect((await a.tasks.list()).items).toEqual([]);
    const row = await db.scheduledTask.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ taskName: "脚本任务", version: 1, isEnabled: true });
    expect(await db.taskLog.count()).toBe(0);
  });

  it("lets a viewer read but not change", async () => {
    const a = await callerFor("a@a.test");
    const task = await a.tasks.create(TASK);
    const viewer = await callerFor("v@a.test");
    expect((await viewer.tasks.get({ id: task.id })).task_name).toBe("脚本任务");
    await rejectsWith(viewer.tasks.update({ id: task.id, data: { task_name: "x" } }), "FORBIDDEN");
    await rejectsWith(viewer.tasks.run({ id: task.id }), "FORBIDDEN");
    await rejectsWith(viewer.tasks.create(TASK), "FORBIDDEN");
  });

  it("keeps every saved script: list, diff and restore (as a new save)", async () => {
    const a = await callerFor("a@a.test");
    const task = await a.tasks.create(TASK);
    await a.tasks.update({ id: task.id, data: { script_content: "log('x')\nresult = 'v2'", version: 1 } });
    await a.tasks.update({ id: task.id, data: { task_name: "只改名字" } });
    const versions = await a.tasks.versions({ id: task.id });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const diff = await a.tasks.diff({ id: task.id, from: 1, to: 2 });
    expect(diff.lines.filter((l) => l.op !== "same").map((l) => `${l.op} ${l.text}`)).toEqual([
      "del result = 'v1'",
      "add log('x')",
      "add result = 'v2'",
    ]);
    const restored = await a.tasks.restore({ id: task.id, version: 1, expected_version: 3 });
    expect(restored).toMatchObject({ script_content: "result = 'v1'", version: 4 });
    expect((await a.tasks.versions({ id: task.id })).map((v) => v.version)).toEqual([4, 2, 1]);
    await rejectsWith(a.tasks.restore({ id: task.id, version: 2, expected_version: 3 }), "CONFLICT");
  });
});
