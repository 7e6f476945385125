import type { Prisma, TenantConfig } from "@/generated/prisma/client";
import { paged } from "@/lib/zod-helpers";
import { runScope, scopedDb, tenantExists } from "../db/scoped";
import { AppError, validationError } from "../errors";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { recordAudit } from "./audit";

// tenant × app_code × key → value, read by scripts with get_tenant_config(). Values marked
// is_secret are stored encrypted and never returned by the management functions.

const PURPOSE = "tenant-configs";
import {
  ZListTenantConfigsInput,
  ZSetTenantConfigInput,
  type TListTenantConfigsInput,
  type TSetTenantConfigInput,
} from "@/lib/schemas/admin";

export type TenantConfigView = {
  id: number;
  tenant_id: string;
  app_code: string;
  config_key: string;
  /** null for secret values: they are write-only. */
  config_value: string | null;
  is_secret: boolean;
  value_set: boolean;
  updated_at: Date;
};

type Row = TenantConfig;

function view(r: Row): TenantConfigView {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    app_code: r.appCode,
    config_key: r.configKey,
    config_value: r.isSecret ? null : r.configValue,
    is_secret: r.isSecret,
    value_set: r.configValue !== null,
    updated_at: r.updatedAt,
  };
}

/** One page of configs, in the caller's scope (narrowed to `tenant_id` for the platform). */
export async function listTenantConfigs(opts: { scope: Scope; filter?: TListTenantConfigsInput }) {
  const filter = opts.filter ?? ZListTenantConfigsInput.parse({});
  const db = scopedDb(opts.scope, { narrow: filter.tenant_id || undefined });
  const where: Prisma.TenantConfigWhereInput = {
    ...(filter.app_code ? { appCode: filter.app_code } : {}),
    ...(filter.q ? { OR: [{ appCode: { contains: filter.q } }, { configKey: { contains: filter.q } }] } : {}),
  };
  const dir = filter.sort?.desc ? "desc" : "asc";
  const orderBy: Prisma.TenantConfigOrderByWithRelationInput[] =
    filter.sort?.column === "updated"
      ? [{ updatedAt: dir }, { id: dir }]
      : [{ appCode: dir }, { configKey: dir }, { tenantId: "asc" }];
  const [rows, total] = await Promise.all([
    db.tenantConfig.findMany({
      where,
      orderBy,
      skip: (filter.page - 1) * filter.page_size,
      take: filter.page_size,
    }),
    db.tenantConfig.count({ where }),
  ]);
  return paged(rows.map(view), total, filter);
}

export async function setTenantConfig(opts: {
  scope: Scope;
  input: TSetTenantConfigInput;
}): Promise<TenantConfigView> {
  assertCanWrite(opts.scope);
  const parsed = ZSetTenantConfigInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const tenantId = tenantForCreate(opts.scope, input.tenant_id);
  if (!tenantId) throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });
  if (!(await tenantExists(opts.scope, tenantId))) {
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  }
  const configValue =
    input.config_value === null
      ? null
      : input.is_secret
        ? encryptSecret(input.config_value, PURPOSE)
        : input.config_value;
  const row = await scopedDb(opts.scope, { narrow: tenantId }).$transaction(async (tx) => {
    const existing = await tx.tenantConfig.findFirst({
      where: { appCode: input.app_code, configKey: input.config_key },
    });
    const saved = existing
      ? await tx.tenantConfig.update({
          where: { id: existing.id },
          data: { configValue, isSecret: input.is_secret },
        })
      : await tx.tenantConfig.create({
          data: {
            tenantId,
            appCode: input.app_code,
            configKey: input.config_key,
            configValue,
            isSecret: input.is_secret,
          },
        });
    await recordAudit(
      opts.scope,
      {
        action: "tenant_config.set",
        entityType: "tenant_config",
        entityId: saved.id,
        tenantId,
        details: { app_code: input.app_code, config_key: input.config_key, is_secret: input.is_secret },
      },
      tx,
    );
    return saved;
  });
  return view(row);
}

export async function deleteTenantConfig(opts: { scope: Scope; id: number }): Promise<{ success: true }> {
  assertCanWrite(opts.scope);
  const db = scopedDb(opts.scope);
  const row = await db.tenantConfig.findFirst({ where: { id: opts.id } });
  if (!row) throw new AppError("TENANT_CONFIG_NOT_FOUND");
  await db.$transaction(async (tx) => {
    await tx.tenantConfig.delete({ where: { id: row.id } });
    await recordAudit(
      opts.scope,
      {
        action: "tenant_config.delete",
        entityType: "tenant_config",
        entityId: row.id,
        tenantId: row.tenantId,
        details: { app_code: row.appCode, config_key: row.configKey },
      },
      tx,
    );
  });
  return { success: true };
}

// Run-side access. `runTenantId` is the task's tenant (null = a global task, which sees all).

export type RunConfigValue = { value: string | null; secret: boolean };

function plainValue(r: Row): RunConfigValue {
  if (r.configValue === null) return { value: null, secret: r.isSecret };
  return { value: r.isSecret ? decryptSecret(r.configValue, PURPOSE) : r.configValue, secret: r.isSecret };
}

export async function listTenantsForRun(runTenantId: string | null) {
  const rows = await scopedDb(runScope(runTenantId)).tenant.findMany({
    orderBy: { tenantId: "asc" },
  });
  return rows.map((t) => ({ tenant_id: t.tenantId, name: t.name, is_enabled: t.isEnabled }));
}

export async function getTenantConfigForRun(opts: {
  runTenantId: string | null;
  tenantId: string;
  appCode: string;
  key: string;
}): Promise<RunConfigValue | null> {
  if (opts.runTenantId !== null && opts.runTenantId !== opts.tenantId) return null;
  const row = await scopedDb(runScope(opts.runTenantId), { narrow: opts.tenantId }).tenantConfig.findFirst({
    where: { appCode: opts.appCode, configKey: opts.key },
  });
  return row ? plainValue(row) : null;
}

export async function getAllTenantConfigsForRun(opts: {
  runTenantId: string | null;
  appCode: string;
  key: string;
}): Promise<({ tenant_id: string } & RunConfigValue)[]> {
  const rows = await scopedDb(runScope(opts.runTenantId)).tenantConfig.findMany({
    where: {
      appCode: opts.appCode,
      configKey: opts.key,
      configValue: { not: null }, // "tenants that have it"
    },
    orderBy: { tenantId: "asc" },
  });
  return rows.map((r) => ({ tenant_id: r.tenantId, ...plainValue(r) }));
}
