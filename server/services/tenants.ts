import { z } from "zod";
import { db } from "../db";
import { scopedDb, scopeOwns } from "../db/scoped";
import { AppError, notFound } from "../errors";
import { assertPlatformAdmin, type Scope } from "../auth/scope";
import { recordAudit } from "./audit";

export const ZTenantId = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, '-' and '_' only");

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");

export const ZCreateTenantInput = z.object({
  tenant_id: ZTenantId,
  name: z.string().trim().min(1).max(100),
  is_enabled: z.boolean().default(true),
});
export type TCreateTenantInput = z.infer<typeof ZCreateTenantInput>;

export const ZUpdateTenantInput = z.object({
  tenant_id: ZTenantId,
  name: z.string().trim().min(1).max(100).optional(),
  is_enabled: z.boolean().optional(),
  extra_holidays: z.array(ZDate).max(366).optional(),
  extra_workdays: z.array(ZDate).max(366).optional(),
});
export type TUpdateTenantInput = z.infer<typeof ZUpdateTenantInput>;

/** Tenants visible to the scope: all for the platform, its own for a tenant. */
export async function listTenants(opts: { scope: Scope }) {
  return scopedDb(opts.scope).tenant.findMany({ orderBy: { tenantId: "asc" } });
}

export async function getTenantOrThrow(opts: { scope: Scope; tenantId: string }) {
  if (!scopeOwns(opts.scope, opts.tenantId)) throw notFound("Tenant");
  const tenant = await scopedDb(opts.scope).tenant.findUnique({ where: { tenantId: opts.tenantId } });
  if (!tenant) throw notFound("Tenant");
  return tenant;
}

export async function createTenant(opts: { scope: Scope; input: TCreateTenantInput }) {
  assertPlatformAdmin(opts.scope);
  const { tenant_id, name, is_enabled } = opts.input;
  if (await db.tenant.findUnique({ where: { tenantId: tenant_id } })) {
    throw new AppError("CONFLICT", `Tenant ${tenant_id} already exists`, [
      { path: "tenant_id", message: "already exists" },
    ]);
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
  const { tenant_id, name, is_enabled, extra_holidays, extra_workdays } = opts.input;
  await getTenantOrThrow({ scope: opts.scope, tenantId: tenant_id });
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.update({
      where: { tenantId: tenant_id },
      data: { name, isEnabled: is_enabled, extraHolidays: extra_holidays, extraWorkdays: extra_workdays },
    });
    await recordAudit(
      opts.scope,
      {
        action: "tenant.update",
        entityType: "tenant",
        entityId: tenant_id,
        tenantId: tenant_id,
        details: { name, is_enabled },
      },
      tx,
    );
    return tenant;
  });
}

/** Deleting a tenant that still owns tasks or channels would orphan them: refused with 409. */
export async function deleteTenant(opts: { scope: Scope; tenantId: string }) {
  assertPlatformAdmin(opts.scope);
  await getTenantOrThrow(opts);
  const ofTenant = scopedDb(opts.scope, { narrow: opts.tenantId });
  const [tasks, channels] = await Promise.all([
    ofTenant.scheduledTask.count(),
    ofTenant.notifyChannel.count(),
  ]);
  if (tasks + channels > 0) {
    throw new AppError(
      "CONFLICT",
      `Tenant ${opts.tenantId} still has ${tasks} task(s) and ${channels} channel(s); delete or move them first`,
    );
  }
  await ofTenant.$transaction(async (tx) => {
    await tx.membership.deleteMany({});
    await tx.apiToken.updateMany({ where: { revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.tenant.delete({ where: { tenantId: opts.tenantId } });
    await recordAudit(
      opts.scope,
      { action: "tenant.delete", entityType: "tenant", entityId: opts.tenantId, tenantId: opts.tenantId },
      tx,
    );
  });
  return { success: true as const };
}
