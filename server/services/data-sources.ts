import {
  ZCreateDataSourceInput,
  ZGrantDataSourceInput,
  ZRevokeDataSourceInput,
  ZUpdateDataSourceInput,
  type TCreateDataSourceInput,
  type TGrantDataSourceInput,
  type TRevokeDataSourceInput,
  type TUpdateDataSourceInput,
} from "@/lib/schemas/data-source";
import type { Prisma } from "@/generated/prisma/client";
import type { TAuditAction } from "@/lib/audit-actions";
import { db } from "../db";
import { AppError, validationError } from "../errors";
import { assertPlatformAdmin, platformScope, type Scope } from "../auth/scope";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { checkSourcePrivileges, describeDsn, DSN_PURPOSE } from "../data-sources/privileges";
import { forgetVerdict } from "../data-sources/verdicts";
import { scopedDb, tenantExists } from "../db/scoped";
import { assertDsnHostAllowedAtSave } from "../net/save-check";
import { recordAudit } from "./audit";

// Data sources for db_query: registered, checked and granted by platform admins only. The DSN is
// encrypted with its own key purpose and never returned; lists show user@host/db only.
// Grants: tenant_id '' = global tasks (like secrets). A tenant's grants go when the tenant does:
// deleteDataSourceGrantsForTenant().

export type DataSourceSummary = {
  id: number;
  name: string;
  description: string | null;
  /** user@host:port/database, no password. */
  target: string;
  max_connections: number;
  is_enabled: boolean;
  check_ok: boolean;
  check_message: string | null;
  checked_at: Date | null;
  grants: { tenant_id: string | null; is_default: boolean }[];
  created_at: Date;
  updated_at: Date;
};

type Row = Prisma.DataSourceGetPayload<{ include: { grants: true } }>;

function summary(row: Row): DataSourceSummary {
  let target = "(无法解密)";
  try {
    target = describeDsn(decryptSecret(row.dsn, DSN_PURPOSE));
  } catch {
    // APP_SECRET changed: the console shows the source as undecryptable.
  }
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    target,
    max_connections: row.maxConnections,
    is_enabled: row.isEnabled,
    check_ok: row.checkOk,
    check_message: row.checkMessage,
    checked_at: row.checkedAt,
    grants: row.grants
      .map((g) => ({ tenant_id: g.tenantId === "" ? null : g.tenantId, is_default: g.isDefault }))
      .sort((a, b) => (a.tenant_id ?? "").localeCompare(b.tenant_id ?? "")),
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function refusedDsn(message: string): AppError {
  return new AppError("DSN_REFUSED", { detail: message }, { field: "dsn" });
}

export async function listDataSources(opts: { scope: Scope }): Promise<DataSourceSummary[]> {
  assertPlatformAdmin(opts.scope);
  const rows = await db.dataSource.findMany({ include: { grants: true }, orderBy: { name: "asc" } });
  return rows.map(summary);
}

async function assertNameFree(name: string, exceptId?: number): Promise<void> {
  const other = await db.dataSource.findUnique({ where: { name } });
  if (other && other.id !== exceptId)
    throw new AppError("DATA_SOURCE_NAME_TAKEN", { name }, { field: "name" });
}

/**
 * Writes a source that just passed its privilege check (the verdict is stored with it) and the
 * audit entry in one transaction.
 */
async function saveChecked(
  scope: Scope,
  checkMessage: string,
  write: (
    tx: Prisma.TransactionClient,
    checked: { checkOk: true; checkMessage: string; checkedAt: Date },
  ) => Promise<Row>,
  audit: (row: Row) => { action: TAuditAction; id: number; details: Prisma.InputJsonValue },
): Promise<DataSourceSummary> {
  const row = await db.$transaction(async (tx) => {
    const saved = await write(tx, { checkOk: true, checkMessage, checkedAt: new Date() });
    const entry = audit(saved);
    await recordAudit(
      scope,
      {
        action: entry.action,
        entityType: "data_source",
        entityId: entry.id,
        tenantId: "",
        details: entry.details,
      },
      tx,
    );
    return saved;
  });
  return summary(row);
}

/** Registers a source after its privilege check passes; a source that can do more than read is refused. */
export async function createDataSource(opts: {
  scope: Scope;
  input: TCreateDataSourceInput;
}): Promise<DataSourceSummary> {
  assertPlatformAdmin(opts.scope);
  const parsed = ZCreateDataSourceInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  await assertNameFree(input.name);
  await assertDsnHostAllowedAtSave(input.dsn);
  const verdict = await checkSourcePrivileges(input.dsn);
  if (!verdict.ok) throw refusedDsn(verdict.message);
  return saveChecked(
    opts.scope,
    verdict.message,
    (tx, checked) =>
      tx.dataSource.create({
        data: {
          name: input.name,
          description: input.description ?? null,
          dsn: encryptSecret(input.dsn, DSN_PURPOSE),
          maxConnections: input.max_connections ?? 4,
          isEnabled: input.is_enabled ?? true,
          ...checked,
        },
        include: { grants: true },
      }),
    (created) => ({
      action: "data_source.create",
      id: created.id,
      details: { name: input.name, target: describeDsn(input.dsn) },
    }),
  );
}

export async function updateDataSource(opts: {
  scope: Scope;
  id: number;
  input: TUpdateDataSourceInput;
}): Promise<DataSourceSummary> {
  assertPlatformAdmin(opts.scope);
  const parsed = ZUpdateDataSourceInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const existing = await db.dataSource.findUnique({ where: { id: opts.id } });
  if (!existing) throw new AppError("DATA_SOURCE_NOT_FOUND");
  if (input.name !== undefined) await assertNameFree(input.name, existing.id);
  const dsn = input.dsn ?? decryptSecret(existing.dsn, DSN_PURPOSE);
  if (input.dsn !== undefined) await assertDsnHostAllowedAtSave(input.dsn);
  // Every save checks again: the user's grants may have changed since.
  const verdict = await checkSourcePrivileges(dsn);
  if (!verdict.ok) throw refusedDsn(verdict.message);
  const saved = await saveChecked(
    opts.scope,
    verdict.message,
    (tx, checked) =>
      tx.dataSource.update({
        where: { id: existing.id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.dsn !== undefined ? { dsn: encryptSecret(input.dsn, DSN_PURPOSE) } : {}),
          ...(input.max_connections !== undefined ? { maxConnections: input.max_connections } : {}),
          ...(input.is_enabled !== undefined ? { isEnabled: input.is_enabled } : {}),
          ...checked,
        },
        include: { grants: true },
      }),
    (updated) => ({
      action: "data_source.update",
      id: existing.id,
      details: { name: updated.name, target: describeDsn(dsn), dsn_changed: input.dsn !== undefined },
    }),
  );
  forgetVerdict(existing.id);
  return saved;
}

export async function deleteDataSource(opts: { scope: Scope; id: number }): Promise<{ success: true }> {
  assertPlatformAdmin(opts.scope);
  const existing = await db.dataSource.findUnique({ where: { id: opts.id } });
  if (!existing) throw new AppError("DATA_SOURCE_NOT_FOUND");
  await db.$transaction(async (tx) => {
    await tx.dataSource.delete({ where: { id: existing.id } });
    await recordAudit(
      opts.scope,
      {
        action: "data_source.delete",
        entityType: "data_source",
        entityId: existing.id,
        tenantId: "",
        details: { name: existing.name },
      },
      tx,
    );
  });
  forgetVerdict(existing.id);
  return { success: true };
}

/** Runs the privilege check again and stores its verdict (console "重新检查", start-up). */
export async function recheckDataSource(opts: { scope: Scope; id: number }): Promise<DataSourceSummary> {
  assertPlatformAdmin(opts.scope);
  const existing = await db.dataSource.findUnique({ where: { id: opts.id } });
  if (!existing) throw new AppError("DATA_SOURCE_NOT_FOUND");
  await storeVerdict(existing.id, existing.dsn);
  const row = await db.dataSource.findUniqueOrThrow({
    where: { id: existing.id },
    include: { grants: true },
  });
  return summary(row);
}

async function storeVerdict(id: number, storedDsn: string): Promise<boolean> {
  let ok = false;
  let message: string;
  try {
    const verdict = await checkSourcePrivileges(decryptSecret(storedDsn, DSN_PURPOSE));
    ok = verdict.ok;
    message = verdict.message;
  } catch {
    message = "无法解密连接串（APP_SECRET 已更换？），请重新填写";
  }
  await db.dataSource.update({
    where: { id },
    data: { checkOk: ok, checkMessage: message, checkedAt: new Date() },
  });
  forgetVerdict(id);
  return ok;
}

/** At start: checks every enabled source again. Never throws. */
export async function recheckAllDataSources(): Promise<{ name: string; ok: boolean }[]> {
  const rows = await db.dataSource.findMany({ where: { isEnabled: true } });
  const out: { name: string; ok: boolean }[] = [];
  for (const r of rows) out.push({ name: r.name, ok: await storeVerdict(r.id, r.dsn).catch(() => false) });
  return out;
}

function storedTenant(tenantId: string | null | undefined): string {
  return tenantId ?? "";
}

/** Grants a source to a tenant (or '' / null = global tasks); is_default makes it db_query's default there. */
export async function grantDataSource(opts: {
  scope: Scope;
  input: TGrantDataSourceInput;
}): Promise<DataSourceSummary> {
  assertPlatformAdmin(opts.scope);
  const parsed = ZGrantDataSourceInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const tenantId = storedTenant(input.tenant_id || null);
  const source = await db.dataSource.findUnique({ where: { id: input.data_source_id } });
  if (!source) throw new AppError("DATA_SOURCE_NOT_FOUND");
  if (tenantId !== "" && !(await tenantExists(opts.scope, tenantId)))
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  const isDefault = input.is_default ?? false;
  // Narrowed to the grantee: every grant query below is about that tenant only.
  await scopedDb(opts.scope, { narrow: tenantId }).$transaction(async (tx) => {
    if (isDefault)
      await tx.dataSourceGrant.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    const existing = await tx.dataSourceGrant.findFirst({ where: { dataSourceId: source.id } });
    if (existing) await tx.dataSourceGrant.update({ where: { id: existing.id }, data: { isDefault } });
    else await tx.dataSourceGrant.create({ data: { dataSourceId: source.id, tenantId, isDefault } });
    await recordAudit(
      opts.scope,
      {
        action: "data_source.grant",
        entityType: "data_source",
        entityId: source.id,
        tenantId,
        details: { name: source.name, is_default: isDefault },
      },
      tx,
    );
  });
  const row = await db.dataSource.findUniqueOrThrow({ where: { id: source.id }, include: { grants: true } });
  return summary(row);
}

export async function revokeDataSource(opts: {
  scope: Scope;
  input: TRevokeDataSourceInput;
}): Promise<DataSourceSummary> {
  assertPlatformAdmin(opts.scope);
  const parsed = ZRevokeDataSourceInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const tenantId = storedTenant(parsed.data.tenant_id || null);
  const source = await db.dataSource.findUnique({ where: { id: parsed.data.data_source_id } });
  if (!source) throw new AppError("DATA_SOURCE_NOT_FOUND");
  await scopedDb(opts.scope, { narrow: tenantId }).$transaction(async (tx) => {
    const removed = await tx.dataSourceGrant.deleteMany({ where: { dataSourceId: source.id } });
    if (removed.count === 0) throw new AppError("GRANT_NOT_FOUND");
    await recordAudit(
      opts.scope,
      {
        action: "data_source.revoke",
        entityType: "data_source",
        entityId: source.id,
        tenantId,
        details: { name: source.name },
      },
      tx,
    );
  });
  const row = await db.dataSource.findUniqueOrThrow({ where: { id: source.id }, include: { grants: true } });
  return summary(row);
}

/** For tenant deletion: removes every data-source grant of the tenant. */
export async function deleteDataSourceGrantsForTenant(tenantId: string): Promise<number> {
  if (tenantId === "") return 0;
  const r = await scopedDb(platformScope(), { narrow: tenantId }).dataSourceGrant.deleteMany({});
  return r.count;
}
