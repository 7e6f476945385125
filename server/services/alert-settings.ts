import { runScope, scopedDb, scopeTenantId } from "../db/scoped";
import { AppError } from "../errors";
import { assertCanWrite, type Scope } from "../auth/scope";
import { recordAudit } from "./audit";

function tenantOf(scope: Scope, tenantId?: string): string {
  const own = scopeTenantId(scope);
  if (own) return own;
  if (!tenantId) throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });
  return tenantId;
}

/** The tenant's default alert channel (tasks that alert without channels of their own use it). */
export async function getDefaultAlertChannel(opts: { scope: Scope; tenantId?: string }) {
  const tenantId = tenantOf(opts.scope, opts.tenantId);
  const tenant = await scopedDb(opts.scope).tenant.findUnique({ where: { tenantId } });
  return { tenant_id: tenantId, channel_id: tenant?.defaultAlertChannelId ?? null };
}

export async function setDefaultAlertChannel(opts: {
  scope: Scope;
  tenantId?: string;
  channelId: number | null;
}) {
  assertCanWrite(opts.scope);
  const tenantId = tenantOf(opts.scope, opts.tenantId);
  const db = scopedDb(opts.scope);
  const before = await db.tenant.findUnique({ where: { tenantId } });
  if (!before) throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  if (opts.channelId !== null) {
    // Only a channel of this very tenant.
    const channel = await scopedDb(runScope(tenantId)).notifyChannel.findFirst({
      where: { id: opts.channelId },
    });
    if (!channel) throw new AppError("CHANNEL_UNKNOWN", { id: opts.channelId }, { field: "channel_id" });
  }
  await db.tenant.update({ where: { tenantId }, data: { defaultAlertChannelId: opts.channelId } });
  await recordAudit(opts.scope, {
    action: "tenant.default_alert_channel",
    entityType: "tenant",
    entityId: tenantId,
    tenantId,
    details: {
      changes: { default_alert_channel_id: { before: before.defaultAlertChannelId, after: opts.channelId } },
    },
  });
  return { tenant_id: tenantId, channel_id: opts.channelId };
}
