import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { scopedDb } from "../db/scoped";
import { actorLabel, type Scope } from "../auth/scope";
import type { TAuditAction } from "@/lib/audit-actions";

type Client = Pick<typeof db, "auditLog">;

export type AuditEntry = {
  action: TAuditAction; // dotted, verb last: "task.create", "channel.delete" (the console has words for each)
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

/**
 * Entries of the scope, newest first. With `page` a page of `page_size` and the total (the
 * console's table); otherwise `limit` entries older than `cursor` and the next cursor.
 */
export async function listAuditLogs(opts: {
  scope: Scope;
  tenantId?: string;
  action?: TAuditAction;
  entity_type?: string;
  cursor?: bigint;
  page?: number;
  page_size?: number;
  limit?: number;
}) {
  const db = scopedDb(opts.scope, { narrow: opts.tenantId });
  const filter: Prisma.AuditLogWhereInput = {
    ...(opts.action ? { action: opts.action } : {}),
    ...(opts.entity_type ? { entityType: opts.entity_type } : {}),
  };
  if (opts.page) {
    const size = Math.min(opts.page_size ?? 20, 200);
    const [items, total] = await Promise.all([
      db.auditLog.findMany({
        where: filter,
        orderBy: { id: "desc" },
        skip: (opts.page - 1) * size,
        take: size,
      }),
      db.auditLog.count({ where: filter }),
    ]);
    return { items, total, nextCursor: null };
  }
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await db.auditLog.findMany({
    where: { ...filter, ...(opts.cursor ? { id: { lt: opts.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return {
    items: rows.slice(0, limit),
    total: undefined,
    nextCursor: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}
