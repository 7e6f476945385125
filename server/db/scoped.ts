import { AppError } from "../errors";
import { db, type Db } from "../db";
import type { Scope } from "../auth/scope";

/**
 * THE tenant-scope mechanism. Every service reads and writes tenant-owned rows through
 * `scopedDb(scope)`: a Prisma client whose queries on the models below get the scope's tenant
 * filter injected, so a service cannot forget it (and must not write `tenantId: scope.tenantId`
 * itself; test/db/tenant-scope.test.ts fails on such a condition in server/services).
 *
 * - Tenant scope: reads see the tenant's rows (plus global ones where `tenantReadsGlobal`);
 *   updates and deletes touch only the tenant's own rows; creates get the tenant's id, and a
 *   create or update naming another tenant is refused (FORBIDDEN).
 * - Platform scope: sees everything; `narrow` (a tenant id, or null/'' for global rows) limits
 *   its reads, updates and deletes to that tenant, as list filters do (creates are not changed).
 * - Code that works for the platform itself (scheduler, run flow, CLI) uses `db` directly, or
 *   `scopedDb(runScope(task.tenantId))` to read what a run may see.
 *
 * REGISTERING A NEW TENANT-OWNED MODEL: add its Prisma model name to TENANT_OWNED below:
 *   - `{ column: "tenantId", global: null | "" }` when the row has its own tenant column
 *     (`global` = how a global/platform row stores it; `tenantReadsGlobal: true` if tenants may
 *     read the global rows);
 *   - `{ via: "task" }` when the row belongs to a task (`taskId`): every query must then name one
 *     taskId, and the task must be visible to the scope.
 * Nested writes and relation filters bypass query extensions: do not use them on these models.
 */
type Ownership = { column: "tenantId"; global: null | ""; tenantReadsGlobal?: boolean } | { via: "task" };

export const TENANT_OWNED: Record<string, Ownership> = {
  ScheduledTask: { column: "tenantId", global: null },
  TaskLog: { column: "tenantId", global: null },
  NotifyChannel: { column: "tenantId", global: "" },
  WecomApp: { column: "tenantId", global: null, tenantReadsGlobal: true },
  Secret: { column: "tenantId", global: "" },
  TenantConfig: { column: "tenantId", global: "" },
  Tenant: { column: "tenantId", global: "" },
  Membership: { column: "tenantId", global: "" },
  ApiToken: { column: "tenantId", global: "" },
  AuditLog: { column: "tenantId", global: "" },
  TaskScriptVersion: { via: "task" },
  ScriptVar: { via: "task" },
  DataSourceGrant: { column: "tenantId", global: "" },
};

const READ_MANY = new Set(["findMany", "findFirst", "findFirstOrThrow", "count", "aggregate", "groupBy"]);
const READ_UNIQUE = new Set(["findUnique", "findUniqueOrThrow"]);
const WRITE_MANY = new Set(["updateMany", "updateManyAndReturn", "deleteMany"]);
const WRITE_UNIQUE = new Set(["update", "delete"]);
const CREATE = new Set(["create", "createMany", "createManyAndReturn"]);

type Where = Record<string, unknown>;
type Args = { where?: Where; data?: unknown; create?: Where; update?: Where };

/** The scope a run of a task with this tenant (null = global task) reads as. */
export function runScope(runTenantId: string | null): Scope {
  const actor = { type: "system" as const, id: "run" };
  return runTenantId === null
    ? { type: "platform", role: "viewer", actor }
    : { type: "tenant", tenantId: runTenantId, role: "viewer", actor };
}

function and(where: Where | undefined, filter: Where): Where {
  if (!where || Object.keys(where).length === 0) return filter;
  return {
    ...where,
    AND: [...(Array.isArray(where.AND) ? where.AND : where.AND ? [where.AND] : []), filter],
  };
}

function otherTenant(tenantId: string, data: unknown): boolean {
  const rows = Array.isArray(data) ? data : [data];
  return rows.some((row) => {
    const value = (row as Where | undefined)?.tenantId;
    return value !== undefined && value !== tenantId;
  });
}

function withTenant(tenantId: string, data: unknown): unknown {
  if (otherTenant(tenantId, data)) {
    throw new AppError("OWN_TENANT_ONLY", {}, { field: "tenant_id" });
  }
  return Array.isArray(data) ? data.map((row) => ({ ...row, tenantId })) : { ...(data as Where), tenantId };
}

/** The taskId a query on a task-owned model names (`taskId: 5` or a compound unique key). */
function taskIdOf(args: Args, operation: string): number {
  const candidates: unknown[] = [];
  for (const w of [args.where, args.create, ...(Array.isArray(args.data) ? args.data : [args.data])]) {
    if (!w || typeof w !== "object") continue;
    const obj = w as Where;
    candidates.push(obj.taskId);
    for (const v of Object.values(obj)) if (v && typeof v === "object") candidates.push((v as Where).taskId);
  }
  const ids = [...new Set(candidates.filter((v): v is number => typeof v === "number"))];
  if (ids.length !== 1) {
    throw new Error(
      `scopedDb: a tenant-scoped ${operation} on a task-owned model must name exactly one taskId`,
    );
  }
  return ids[0]!;
}

/**
 * A client whose queries on tenant-owned models are limited to `scope` (see above). `narrow`
 * only applies to a platform scope: a tenant id, or null/'' for the global rows.
 */
export function scopedDb(scope: Scope, opts: { narrow?: string | null } = {}, client: Db = db): Db {
  if (scope.type === "platform" && opts.narrow === undefined) return client;
  // Tasks this client created (so in the scope's tenant by construction): their task-owned rows
  // may be written in the same transaction, before the task is visible to other connections.
  const createdTasks = new Set<number>();
  const extended = client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const owned = TENANT_OWNED[model];
          if (!owned) return query(args);
          const a = { ...(args as Args) };
          if ("via" in owned) {
            if (scope.type === "platform") return query(a);
            const taskId = taskIdOf(a, operation);
            const task = createdTasks.has(taskId)
              ? { id: taskId }
              : await client.scheduledTask.findFirst({
                  where: { id: taskId, tenantId: scope.tenantId },
                  select: { id: true },
                });
            if (!task) {
              if (READ_MANY.has(operation) || READ_UNIQUE.has(operation)) {
                if (operation.endsWith("OrThrow")) throw new AppError("TASK_NOT_FOUND");
                return operation === "findMany" ? [] : operation === "count" ? 0 : null;
              }
              throw new AppError("TASK_NOT_FOUND");
            }
            return query(a);
          }
          const read = READ_MANY.has(operation) || READ_UNIQUE.has(operation);
          let filter: Where;
          if (scope.type === "platform") {
            if (CREATE.has(operation)) return query(a);
            filter = { tenantId: opts.narrow === null || opts.narrow === "" ? owned.global : opts.narrow };
          } else {
            const own = { tenantId: scope.tenantId };
            filter = read && owned.tenantReadsGlobal ? { OR: [own, { tenantId: owned.global }] } : own;
          }
          if (READ_MANY.has(operation) || WRITE_MANY.has(operation)) a.where = and(a.where, filter);
          else if (READ_UNIQUE.has(operation) || WRITE_UNIQUE.has(operation) || operation === "upsert")
            a.where = { ...a.where, AND: [filter] };
          if (scope.type === "tenant") {
            if (CREATE.has(operation)) a.data = withTenant(scope.tenantId, a.data);
            if (operation === "upsert") a.create = withTenant(scope.tenantId, a.create) as Where;
            if (
              (WRITE_MANY.has(operation) || WRITE_UNIQUE.has(operation)) &&
              otherTenant(scope.tenantId, a.data)
            )
              throw new AppError("TENANT_MOVE_FORBIDDEN", {}, { field: "tenant_id" });
            if (operation === "upsert" && otherTenant(scope.tenantId, a.update))
              throw new AppError("TENANT_MOVE_FORBIDDEN", {}, { field: "tenant_id" });
            if (model === "ScheduledTask" && operation === "create") {
              const created = (await query(a)) as { id: number };
              createdTasks.add(created.id);
              return created;
            }
          }
          return query(a);
        },
      },
    },
  });
  // A query-only extension keeps every model's types: the client is still a Db to its callers.
  return extended as unknown as Db;
}

/** The scope's own tenant: its tenant id, or null for a platform scope. */
export function scopeTenantId(scope: Scope): string | null {
  return scope.type === "tenant" ? scope.tenantId : null;
}

/** Whether the scope may act for this tenant: the platform for any, a tenant scope for its own. */
export function scopeOwns(scope: Scope, tenantId: string | null): boolean {
  return scope.type === "platform" || scope.tenantId === tenantId;
}

/** Whether the tenant exists and the scope may see it (a tenant scope sees only its own). */
export async function tenantExists(scope: Scope, tenantId: string): Promise<boolean> {
  return (await scopedDb(scope).tenant.count({ where: { tenantId } })) > 0;
}
