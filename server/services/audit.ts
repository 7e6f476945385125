import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import { actorLabel, type Scope } from "../auth/scope";

type Client = Pick<typeof db, "auditLog">;

export type AuditEntry = {
  action: string; // verb-first, dotted: "task.create", "channel.delete"
  entityType: string;
  entityId?: string | number | bigint | null;
  tenantId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** Records who changed what. Pass the transaction client so the entry commits with the change. */
export async function recordAudit(scope: Scope, entry: AuditEntry, client: Client = db): Promise<void> {
  await client.auditLog.create({
    data: {
      tenantId: entry.tenantId ?? (scope.type === "tenant" ? scope.tenantId : ""),
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
    ...(opts.scope.type === "tenant"
      ? { tenantId: opts.scope.tenantId }
      : opts.tenantId !== undefined
        ? { tenantId: opts.tenantId }
        : {}),
    ...(opts.cursor ? { id: { lt: opts.cursor } } : {}),
  };
  const rows = await db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? rows[limit - 1]!.id : null };
}
