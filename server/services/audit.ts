import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { scopedDb } from "../db/scoped";
import { actorLabel, type Scope } from "../auth/scope";

type Client = Pick<typeof db, "auditLog">;

export type AuditEntry = {
  action: string; // verb-first, dotted: "task.create", "channel.delete"
  entityType: string;
  entityId?: string | number | bigint | null;
  tenantId?: string | null;
  details?: Prisma.InputJsonValue;
};

/**
 * Records who changed what. Pass the (scoped) transaction client so the entry commits with the
 * change; a tenant scope's entry gets its tenant from the scope mechanism.
 */
export async function recordAudit(
  scope: Scope,
  entry: AuditEntry,
  client: Client = scopedDb(scope),
): Promise<void> {
  await client.auditLog.create({
    data: {
      ...(entry.tenantId != null
        ? { tenantId: entry.tenantId }
        : scope.type === "platform"
          ? { tenantId: "" }
          : {}),
      actorType: scope.actor.type,
      actorId: actorLabel(scope.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      details: entry.details,
    },
  });
}

export async function listAuditLogs(opts: {
  scope: Scope;
  tenantId?: string;
  cursor?: bigint;
  limit?: number;
}) {
  const limit = Math.min(opts.limit ?? 50, 200);
  const where: Prisma.AuditLogWhereInput = {
    ...(opts.cursor ? { id: { lt: opts.cursor } } : {}),
  };
  const rows = await scopedDb(opts.scope, { narrow: opts.tenantId }).auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? rows[limit - 1]!.id : null };
}
