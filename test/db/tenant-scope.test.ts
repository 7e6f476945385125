import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { TENANT_OWNED, scopedDb } from "@/server/db/scoped";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { listRuns } from "@/server/services/runs";
import { getTaskOrThrow, listTasks } from "@/server/services/tasks";
import { listScriptVars } from "@/server/services/script-vars";
import { ZListScriptVarsInput } from "@/lib/schemas/admin";
import { listSecrets, setSecret } from "@/server/services/secrets";
import { listWecomApps } from "@/server/services/wecom-apps";
import { resetDb } from "../helpers/db";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Tenant conditions written by hand in server/services: `scope.tenantId`, a `tenantId` key in a
 * `where` (other than a lookup of the tenant table itself by its key), or in a `…WhereInput`
 * object. The one place that writes tenant filters is server/db/scoped.ts.
 */
function handWrittenTenantConditions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) =>
    `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const isTenantKey = (p: ts.ObjectLiteralElementLike) =>
    (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === "tenantId";
  const insideWhere = (node: ts.Node): boolean => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isPropertyAssignment(n) && n.name.getText() === "where") {
        // `db.tenant.findUnique({ where: { tenantId } })` looks a tenant up by its own key.
        const call = n.parent?.parent;
        return !(call && ts.isCallExpression(call) && /\.tenant\.\w+$/.test(call.expression.getText()));
      }
      if (ts.isVariableDeclaration(n) && n.type && /WhereInput/.test(n.type.getText())) return true;
      if (ts.isFunctionLike(n) && n.type && /WhereInput/.test(n.type.getText())) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === "tenantId" &&
      /scope$/i.test(node.expression.getText())
    )
      found.push(`${at(node)} ${node.getText()}`);
    if (ts.isIdentifier(node) && (node.text === "tenantWhere" || node.text === "tenantFilter"))
      found.push(`${at(node)} ${node.text}`);
    if (ts.isObjectLiteralExpression(node) && node.properties.some(isTenantKey) && insideWhere(node))
      found.push(`${at(node)} ${node.getText().slice(0, 80)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the one tenant-scope mechanism (server/db/scoped.ts)", () => {
  it("server/services writes no tenant condition by hand", () => {
    const dir = path.join(ROOT, "server/services");
    const found = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        handWrittenTenantConditions(path.join(dir, f), readFileSync(path.join(dir, f), "utf8")),
      );
    expect(found).toEqual([]);
  });

  it("the check itself catches the inline forms it is meant to catch", () => {
    const bad = [
      `db.task.findMany({ where: { tenantId: scope.tenantId } })`,
      `db.task.findFirst({ where: { id, ...(x ? { tenantId } : {}) } })`,
      `const where: Prisma.TaskLogWhereInput = { tenantId: "a" };`,
      `const t = opts.scope.tenantId;`,
      `db.task.findMany({ where: tenantWhere(scope) })`,
    ];
    for (const code of bad) expect(handWrittenTenantConditions("x.ts", code), code).not.toEqual([]);
    expect(handWrittenTenantConditions("x.ts", `db.tenant.findUnique({ where: { tenantId } })`)).toEqual([]);
    expect(handWrittenTenantConditions("x.ts", `tx.auditLog.create({ data: { tenantId: "a" } })`)).toEqual(
      [],
    );
  });

  it("every model with a tenant or task column is registered", () => {
    const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
    const owned = models
      .filter(([, , body]) => /^\s+(tenantId|taskId)\s/m.test(body!))
      .map(([, name]) => name!);
    expect(owned.length).toBeGreaterThan(5);
    expect(owned.filter((m) => !(m in TENANT_OWNED))).toEqual([]);
  });
});

describe("scopedDb keeps tenants apart", () => {
  beforeEach(async () => {
    await resetDb();
    await db.tenant.createMany({
      data: [
        { tenantId: "a", name: "A" },
        { tenantId: "b", name: "B" },
      ],
    });
    for (const t of ["a", "b", null]) {
      const task = await db.scheduledTask.create({
        data: { tenantId: t, taskName: `task-${t}`, scheduleType: "cron", cronExpression: "0 9 * * *" },
      });
      await db.taskLog.create({
        data: { taskId: task.id, tenantId: t, status: "success", trigger: "manual", startedAt: new Date() },
      });
      await db.scriptVar.create({ data: { taskId: task.id, varKey: "k", varValue: t ?? "global" } });
      await db.secret.create({ data: { tenantId: t ?? "", secretKey: "s", secretValue: "x" } });
      await db.wecomApp.create({
        data: { tenantId: t, appName: `app-${t}`, corpId: "c", agentId: 1, secret: "x", toUser: "@all" },
      });
    }
  });

  const idOf = async (t: string | null) =>
    (await db.scheduledTask.findFirstOrThrow({ where: { tenantId: t } })).id;

  it("a tenant scope reads only its own rows through every service", async () => {
    const a = tenantScope("a");
    const tasks = await listTasks({
      scope: a,
      filter: { tenant_id: "b" } as never,
      page: { page: 1, page_size: 50 },
    });
    expect(tasks.items.map((t) => t.tenant_id)).toEqual(["a"]);
    await expect(getTaskOrThrow({ scope: a, id: await idOf("b") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const runs = await listRuns({ scope: a, input: { tenant_id: "b" } });
    expect(runs.items.map((r) => r.tenant_id)).toEqual(["a"]);
    await expect(
      listScriptVars({ scope: a, filter: ZListScriptVarsInput.parse({ task_id: await idOf("b") }) }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listSecrets({ scope: a, tenantId: "b" })).map((s) => s.tenant_id)).toEqual(["a"]);
    // WeCom apps: its own and the platform's shared ones.
    expect((await listWecomApps({ scope: a })).map((w) => w.tenant_id).sort()).toEqual(["a", null].sort());
  });

  it("raw queries through a tenant client cannot reach another tenant, in or out of a transaction", async () => {
    const a = scopedDb(tenantScope("a"));
    expect(await a.scheduledTask.count()).toBe(1);
    expect(await a.scheduledTask.findUnique({ where: { id: await idOf("b") } })).toBeNull();
    const { count } = await a.taskLog.updateMany({ data: { error: "touched" } });
    expect(count).toBe(1);
    expect(await db.taskLog.count({ where: { error: "touched" } })).toBe(1);
    await a.$transaction(async (tx) => {
      expect(await tx.secret.count()).toBe(1);
      await tx.secret.deleteMany({});
    });
    expect(await db.secret.count()).toBe(2);
    // Writes: the tenant is filled in; naming another tenant is refused.
    const created = await a.secret.create({ data: { secretKey: "new", secretValue: "x" } });
    expect(created.tenantId).toBe("a");
    await expect(
      a.secret.create({ data: { tenantId: "b", secretKey: "evil", secretValue: "x" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      a.scheduledTask.update({ where: { id: await idOf("a") }, data: { tenantId: "b" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.scheduledTask.delete({ where: { id: await idOf("b") } })).rejects.toThrow();
    expect(await db.scheduledTask.count()).toBe(3);
    // A shared (global) WeCom app is readable but not writable by a tenant.
    expect(await a.wecomApp.count()).toBe(2);
    expect((await a.wecomApp.updateMany({ data: { appName: "mine" } })).count).toBe(1);
    // Task-owned rows: only through a visible task.
    expect(await a.scriptVar.findMany({ where: { taskId: await idOf("b") } })).toEqual([]);
    await expect(a.scriptVar.deleteMany({ where: { taskId: await idOf("b") } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(a.scriptVar.findMany({})).rejects.toThrow(/taskId/);
    expect(await db.scriptVar.count()).toBe(3);
  });

  it("a platform scope sees all and may narrow to one tenant or to the global rows", async () => {
    const p = platformScope();
    expect(await scopedDb(p).scheduledTask.count()).toBe(3);
    expect(await scopedDb(p, { narrow: "b" }).scheduledTask.count()).toBe(1);
    expect((await scopedDb(p, { narrow: "" }).scheduledTask.findFirstOrThrow()).tenantId).toBeNull();
    expect((await scopedDb(p, { narrow: null }).secret.findFirstOrThrow()).tenantId).toBe("");
    expect(
      (await setSecret({ scope: p, input: { tenant_id: "b", secret_key: "s", secret_value: "y" } }))
        .tenant_id,
    ).toBe("b");
    expect(await db.secret.count()).toBe(3);
  });
});
