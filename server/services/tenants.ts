import { db } from "../db";
import { scopedDb, scopeOwns } from "../db/scoped";
import { AppError } from "../errors";
import { assertPlatformAdmin, type Scope } from "../auth/scope";
import { recordAudit } from "./audit";
import { refreshTenantQuotas } from "../limits/tenant-quotas";
import type { Prisma, Tenant } from "@/generated/prisma/client";

import type { TCreateTenantInput, TUpdateTenantInput } from "@/lib/schemas/admin";

/** Tenants visible to the scope: all for the platform, its own for a tenant. */
export async function listTenants(opts: { scope: Scope }) {
  return scopedDb(opts.scope).tenant.findMany({ orderBy: { tenantId: "asc" } });
}

export async function getTenantOrThrow(opts: { scope: Scope; tenantId: string }) {
  if (!scopeOwns(opts.scope, opts.tenantId)) throw new AppError("TENANT_NOT_FOUND");
  const tenant = await scopedDb(opts.scope).tenant.findUnique({ where: { tenantId: opts.tenantId } });
  if (!tenant) throw new AppError("TENANT_NOT_FOUND");
  return tenant;
}

export async function createTenant(opts: { scope: Scope; input: TCreateTenantInput }) {
  assertPlatformAdmin(opts.scope);
  const { tenant_id, name, is_enabled } = opts.input;
  if (await db.tenant.findUnique({ where: { tenantId: tenant_id } })) {
    throw new AppError("TENANT_EXISTS", { tenant_id }, { field: "tenant_id" });
  }
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { tenantId: tenant_id, name, isEnabled: is_enabled } });
    await recordAudit(
      opts.scope,
      {
        action: "tenant.create",
        entityType: "tenant",
        entityId: tenant_id,
        tenantId: tenant_id,
        details: { name },
      },
      tx,
    );
    return tenant;
  });
}

export async function updateTenant(opts: { scope: Scope; input: TUpdateTenantInput }) {
  assertPlatformAdmin(opts.scope);
  const { tenant_id, name, is_enabled, extra_holidays, extra_workdays, max_concurrent_runs } = opts.input;
  const before = await getTenantOrThrow({ scope: opts.scope, tenantId: tenant_id });
  const tenant = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({
      where: { tenantId: tenant_id },
      data: {
        name,
        isEnabled: is_enabled,
        extraHolidays: extra_holidays,
        extraWorkdays: extra_workdays,
        maxConcurrentRuns: max_concurrent_runs,
      },
    });
    await recordAudit(
      opts.scope,
      {
        action: "tenant.update",
        entityType: "tenant",
        entityId: tenant_id,
        tenantId: tenant_id,
        details: { changes: tenantChanges(before, tenant) } as Prisma.InputJsonValue,
      },
      tx,
    );
    return tenant;
  });
  // This process's limiter uses a new quota at once; other processes within QUOTA_REFRESH_MS.
  if (max_concurrent_runs !== undefined) await refreshTenantQuotas(true);
  return tenant;
}

const TENANT_FIELDS = {
  name: (t: Tenant) => t.name,
  is_enabled: (t: Tenant) => t.isEnabled,
  extra_holidays: (t: Tenant) => t.extraHolidays ?? [],
  extra_workdays: (t: Tenant) => t.extraWorkdays ?? [],
  max_concurrent_runs: (t: Tenant) => t.maxConcurrentRuns,
} as const;

/** The fields an update changed, with before and after (as the audit log shows them). */
function tenantChanges(before: Tenant, after: Tenant): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, read] of Object.entries(TENANT_FIELDS)) {
    const a = read(before);
    const b = read(after);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { before: a, after: b };
  }
  return out;
}

/** Deleting a tenant that still owns tasks or channels would orphan them: refused with 409. */
/**
 * What a tenant owns, and what deleting it does to each kind (test/security checks that every
 * model with a tenant_id column is listed here):
 * - refuse: tasks and channels are live configuration (schedules that would stop, robots that
 *   would go quiet, and tasks name channels); the platform admin removes them on purpose, so
 *   deletion is refused (409) listing them.
 * - delete: everything else the tenant owns goes with it, in one transaction: secrets, tenant
 *   configs, WeCom apps, API tokens, memberships, data-source grants, run logs left behind, (script vars and script
 *   versions belong to tasks, which must already be gone).
 * - detach: audit entries stay for the platform (tenant_id '' + details.deleted_tenant), so the
 *   history survives but a re-created tenant with the same id does not read it.
 * A re-created id therefore starts empty.
 */
export const TENANT_DELETION = {
  ScheduledTask: "refuse",
  NotifyChannel: "refuse",
  Secret: "delete",
  TenantConfig: "delete",
  WecomApp: "delete",
  ApiToken: "delete",
  Membership: "delete",
  DataSourceGrant: "delete",
  TaskLog: "delete",
  AuditLog: "detach",
  Tenant: "delete",
} as const;

const LIST_AT_MOST = 20;

function listed(rows: { id: number; name: string }[], total: number): string {
  const names = rows.map((r) => `#${r.id} ${r.name}`).join(", ");
  return total > rows.length ? `${names} … (${total})` : names;
}

export async function deleteTenant(opts: { scope: Scope; tenantId: string }) {
  assertPlatformAdmin(opts.scope);
  await getTenantOrThrow(opts);
  const tenantId = opts.tenantId;
  const ofTenant = scopedDb(opts.scope, { narrow: tenantId });
  const [tasks, taskCount, channels, channelCount] = await Promise.all([
    ofTenant.scheduledTask.findMany({
      select: { id: true, taskName: true },
      orderBy: { id: "asc" },
      take: LIST_AT_MOST,
    }),
    ofTenant.scheduledTask.count(),
    ofTenant.notifyChannel.findMany({
      select: { id: true, channelName: true },
      orderBy: { id: "asc" },
      take: LIST_AT_MOST,
    }),
    ofTenant.notifyChannel.count(),
  ]);
  if (taskCount + channelCount > 0) {
    const details = [];
    if (taskCount > 0)
      details.push({
        path: "tasks",
        message: listed(
          tasks.map((t) => ({ id: t.id, name: t.taskName })),
          taskCount,
        ),
      });
    if (channelCount > 0)
      details.push({
        path: "channels",
        message: listed(
          channels.map((c) => ({ id: c.id, name: c.channelName })),
          channelCount,
        ),
      });
    throw new AppError(
      "TENANT_NOT_EMPTY",
      { tenant_id: tenantId, tasks: taskCount, channels: channelCount },
      { details },
    );
  }
  const deleted = await ofTenant.$transaction(async (tx) => {
    const counts = {
      secrets: (await tx.secret.deleteMany({})).count,
      tenant_configs: (await tx.tenantConfig.deleteMany({})).count,
      wecom_apps: (await tx.wecomApp.deleteMany({})).count,
      api_tokens: (await tx.apiToken.deleteMany({})).count,
      memberships: (await tx.membership.deleteMany({})).count,
      data_source_grants: (await tx.dataSourceGrant.deleteMany({})).count,
      run_logs: (await tx.taskLog.deleteMany({})).count,
    };
    await tx.$executeRaw`UPDATE platform_audit_logs
      SET details = JSON_SET(COALESCE(details, JSON_OBJECT()), '$.deleted_tenant', ${tenantId}), tenant_id = ''
      WHERE tenant_id = ${tenantId}`;
    await tx.tenant.delete({ where: { tenantId } });
    await recordAudit(
      opts.scope,
      {
        action: "tenant.delete",
        entityType: "tenant",
        entityId: tenantId,
        tenantId: "",
        details: { deleted_tenant: tenantId, deleted: counts },
      },
      tx,
    );
    return counts;
  });
  return { success: true as const, deleted };
}
