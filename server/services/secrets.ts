import { runScope, scopedDb } from "../db/scoped";
import { validationError, AppError } from "../errors";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { recordAudit } from "./audit";

// Secrets read by scripts with get_secret(). tenant_id '' in the table = a global secret, which
// only the platform manages and only global tasks read. Values are encrypted and never listed.

import { ZSetSecretInput, type TSetSecretInput } from "@/lib/schemas/admin";

export type SecretSummary = {
  id: number;
  tenant_id: string | null;
  secret_key: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
};

const toStored = (tenantId: string | null | undefined) => tenantId ?? "";
const fromStored = (tenantId: string) => (tenantId === "" ? null : tenantId);

/** Secrets visible to the scope, without their values. `tenantId` null narrows to global ones. */
export async function listSecrets(opts: {
  scope: Scope;
  tenantId?: string | null;
}): Promise<SecretSummary[]> {
  const rows = await scopedDb(opts.scope, { narrow: opts.tenantId }).secret.findMany({
    orderBy: [{ tenantId: "asc" }, { secretKey: "asc" }],
    select: {
      id: true,
      tenantId: true,
      secretKey: true,
      description: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    tenant_id: fromStored(r.tenantId),
    secret_key: r.secretKey,
    description: r.description,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }));
}

/** Creates or replaces the secret (tenant, key). A tenant scope writes only its own tenant's. */
export async function setSecret(opts: { scope: Scope; input: TSetSecretInput }): Promise<SecretSummary> {
  assertCanWrite(opts.scope);
  const parsed = ZSetSecretInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;
  const tenantId = toStored(tenantForCreate(opts.scope, input.tenant_id || null));
  const value = encryptSecret(input.secret_value);
  const row = await scopedDb(opts.scope, { narrow: tenantId }).$transaction(async (tx) => {
    const existing = await tx.secret.findFirst({ where: { secretKey: input.secret_key } });
    const saved = existing
      ? await tx.secret.update({
          where: { id: existing.id },
          data: {
            secretValue: value,
            ...(input.description !== undefined ? { description: input.description } : {}),
          },
        })
      : await tx.secret.create({
          data: {
            tenantId,
            secretKey: input.secret_key,
            secretValue: value,
            description: input.description ?? null,
          },
        });
    await recordAudit(
      opts.scope,
      {
        action: "secret.set",
        entityType: "secret",
        entityId: saved.id,
        tenantId,
        details: { secret_key: input.secret_key },
      },
      tx,
    );
    return saved;
  });
  return {
    id: row.id,
    tenant_id: fromStored(row.tenantId),
    secret_key: row.secretKey,
    description: row.description,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export async function deleteSecret(opts: { scope: Scope; id: number }): Promise<{ success: true }> {
  assertCanWrite(opts.scope);
  const db = scopedDb(opts.scope);
  const row = await db.secret.findFirst({ where: { id: opts.id } });
  if (!row) throw new AppError("SECRET_NOT_FOUND");
  await db.$transaction(async (tx) => {
    await tx.secret.delete({ where: { id: row.id } });
    await recordAudit(
      opts.scope,
      {
        action: "secret.delete",
        entityType: "secret",
        entityId: row.id,
        tenantId: row.tenantId,
        details: { secret_key: row.secretKey },
      },
      tx,
    );
  });
  return { success: true };
}

/**
 * The decrypted value a run may read: a tenant task its own tenant's secret, a global task
 * (tenantId null) a global one. Never falls back from one to the other.
 */
export async function readSecretForRun(opts: {
  tenantId: string | null;
  key: string;
}): Promise<string | null> {
  // narrow null: a global task (platform run scope) reads only global secrets.
  const row = await scopedDb(runScope(opts.tenantId), { narrow: null }).secret.findFirst({
    where: { secretKey: opts.key },
  });
  return row ? decryptSecret(row.secretValue) : null;
}
