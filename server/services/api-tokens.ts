import type { ApiToken } from "@/generated/prisma/client";
import { scopedDb, tenantExists } from "../db/scoped";
import { AppError } from "../errors";
import { actorLabel, assertCanWrite, assertPlatformAdmin, tenantForCreate, type Scope } from "../auth/scope";
import { generateToken, hashToken } from "../auth/tokens";
import { recordAudit } from "./audit";

import type { TCreateTokenInput } from "@/lib/schemas/admin";

/** Creates an API token; the plain token is returned once and never stored. */
export async function createApiToken(opts: { scope: Scope; input: TCreateTokenInput }) {
  assertCanWrite(opts.scope);
  const { name, expires_in_days } = opts.input;
  const tenantId = tenantForCreate(opts.scope, opts.input.tenant_id) ?? "";
  if (opts.scope.type === "platform") assertPlatformAdmin(opts.scope);
  const role = opts.input.role ?? (tenantId ? "tenant_admin" : "platform_admin");
  if (tenantId && role === "platform_admin") {
    throw new AppError("TOKEN_ROLE_TENANT", {}, { field: "role" });
  }
  if (!tenantId && role === "tenant_admin") {
    throw new AppError("TOKEN_ROLE_PLATFORM", {}, { field: "role" });
  }
  if (tenantId && !(await tenantExists(opts.scope, tenantId))) {
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  }
  const token = generateToken();
  const row = await scopedDb(opts.scope).$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, 10),
        tenantId,
        role,
        createdBy: actorLabel(opts.scope.actor),
        expiresAt: expires_in_days ? new Date(Date.now() + expires_in_days * 86400_000) : null,
      },
    });
    await recordAudit(
      opts.scope,
      {
        action: "token.create",
        entityType: "api_token",
        entityId: created.id,
        tenantId,
        details: { name, role },
      },
      tx,
    );
    return created;
  });
  return { token, apiToken: publicToken(row) };
}

function publicToken(row: ApiToken) {
  const { tokenHash: _hash, ...rest } = row;
  return { ...rest, tenantId: rest.tenantId || null };
}

export async function listApiTokens(opts: { scope: Scope }) {
  const rows = await scopedDb(opts.scope).apiToken.findMany({ orderBy: { id: "desc" } });
  return rows.map(publicToken);
}

export async function revokeApiToken(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const db = scopedDb(opts.scope);
  const row = await db.apiToken.findFirst({ where: { id: opts.id } });
  if (!row) throw new AppError("API_TOKEN_NOT_FOUND");
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: row.revokedAt ?? new Date() } });
    await recordAudit(
      opts.scope,
      { action: "token.revoke", entityType: "api_token", entityId: row.id, tenantId: row.tenantId },
      tx,
    );
  });
  return { success: true as const };
}
