import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { scopeForToken } from "@/server/auth/tokens";
import { verifyPassword } from "@/server/auth/password";
import { resetDb } from "../helpers/db";

const run = promisify(execFile);

/** Runs `npm run admin -- <args>` the way an operator would (tsx, this fork's database). */
async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "scripts/admin.ts", ...args], {
      env: process.env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const lastLine = (text: string) => text.trim().split("\n").at(-1)!;

describe("npm run admin", { timeout: 120_000 }, () => {
  beforeEach(resetDb);

  it("creates a tenant, a user with a printed password, and a token printed alone on the last line", async () => {
    const tenant = await admin("create-tenant", "acme", "Acme", "Corp");
    expect(tenant.code).toBe(0);
    expect(await db.tenant.findUnique({ where: { tenantId: "acme" } })).toMatchObject({ name: "Acme Corp" });

    const user = await admin("create-user", "ops@acme.test", "--tenant", "acme", "--role", "tenant_admin");
    expect(user.code).toBe(0);
    const password = /Password: (\S+)/.exec(user.stdout)?.[1];
    expect(password).toBeTruthy();
    const row = await db.user.findUniqueOrThrow({
      where: { email: "ops@acme.test" },
      include: { memberships: true },
    });
    expect(await verifyPassword(password!, row.passwordHash)).toBe(true);
    expect(row.memberships).toMatchObject([{ tenantId: "acme", role: "tenant_admin" }]);

    const token = await admin("create-token", "--tenant", "acme", "--role", "viewer");
    expect(token.code).toBe(0);
    const scope = await scopeForToken(lastLine(token.stdout));
    expect(scope).toMatchObject({ type: "tenant", tenantId: "acme", role: "viewer" });

    const platform = await admin("create-token", "--platform");
    expect(await scopeForToken(lastLine(platform.stdout))).toMatchObject({
      type: "platform",
      role: "platform_admin",
    });
  });

  it("fails with a clear message and a non-zero exit on bad arguments, changing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [[], /no command/],
      [["frobnicate"], /unknown command: frobnicate/],
      [["create-tenant", "only-id"], /needs <id> and <name>/],
      [["create-tenant", "bad id!", "Name"], /tenant_id/],
      [["create-user", "not-an-email", "--tenant", "acme", "--role", "viewer"], /email/],
      [["create-user", "a@b.test", "--role", "emperor"], /role/],
      [["create-user", "a@b.test", "--tenant", "nowhere", "--role", "viewer"], /tenant_id.*does not exist/],
      [["create-token"], /exactly one of --tenant <id> or --platform/],
      [["create-token", "--platform", "--role", "tenant_admin"], /role/],
      [["create-token", "--platform", "--bogus"], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const res = await admin(...args);
      expect(res.code, args.join(" ")).not.toBe(0);
      expect(res.stderr, args.join(" ")).toMatch(message);
    }
    expect(await db.tenant.count()).toBe(0);
    expect(await db.user.count()).toBe(0);
    expect(await db.apiToken.count()).toBe(0);
  });
});
