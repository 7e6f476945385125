import type { WecomApp } from "@/generated/prisma/client";
import type { TCreateWecomAppInput, TUpdateWecomAppInput } from "@/lib/schemas/wecom-app";
import { db } from "../db";
import { scopedDb, tenantExists } from "../db/scoped";
import { AppError } from "../errors";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import type { WecomAppTarget } from "../notify/wecom-app-client";
import { recordAudit } from "./audit";

const SECRET_PURPOSE = "wecom-app-secret";

/** Never returns the secret: `secret_set` says whether one is stored. */
export function toWecomAppView(a: WecomApp) {
  return {
    id: a.id,
    tenant_id: a.tenantId,
    app_name: a.appName,
    corp_id: a.corpId,
    agent_id: a.agentId,
    secret_set: !!a.secret,
    to_user: a.toUser,
    to_party: a.toParty,
    to_tag: a.toTag,
    is_enabled: a.isEnabled,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

/**
 * A tenant sees its own apps and the platform's shared (global) ones (scopedDb: WecomApp has
 * tenantReadsGlobal); it may change only its own.
 */
async function findOrThrow(scope: Scope, id: number, forWrite = false): Promise<WecomApp> {
  const app = await scopedDb(scope).wecomApp.findFirst({ where: { id } });
  if (!app) throw new AppError("WECOM_APP_NOT_FOUND");
  if (forWrite && scope.type === "tenant" && app.tenantId === null) {
    throw new AppError("SHARED_WECOM_APP_ADMIN_ONLY");
  }
  return app;
}

export async function listWecomApps(opts: { scope: Scope }) {
  const rows = await scopedDb(opts.scope).wecomApp.findMany({ orderBy: { id: "desc" } });
  return rows.map(toWecomAppView);
}

export async function createWecomApp(opts: { scope: Scope; input: TCreateWecomAppInput }) {
  assertCanWrite(opts.scope);
  const { input } = opts;
  const tenantId = tenantForCreate(opts.scope, input.tenant_id);
  if (tenantId && !(await tenantExists(opts.scope, tenantId)))
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const app = await tx.wecomApp.create({
      data: {
        tenantId,
        appName: input.app_name,
        corpId: input.corp_id,
        agentId: input.agent_id,
        secret: encryptSecret(input.secret, SECRET_PURPOSE),
        toUser: input.to_user ?? "@all",
        toParty: input.to_party ?? null,
        toTag: input.to_tag ?? null,
        isEnabled: input.is_enabled ?? true,
      },
    });
    await recordAudit(
      opts.scope,
      {
        action: "wecom_app.create",
        entityType: "wecom_app",
        entityId: app.id,
        tenantId: tenantId ?? "",
        details: { app_name: app.appName },
      },
      tx,
    );
    return toWecomAppView(app);
  });
}

export async function updateWecomApp(opts: { scope: Scope; id: number; input: TUpdateWecomAppInput }) {
  assertCanWrite(opts.scope);
  const current = await findOrThrow(opts.scope, opts.id, true);
  const { input } = opts;
  // A partial update may clear recipients: the stored row must keep at least one, or it cannot send.
  const after = (v: string | null | undefined, stored: string | null) => (v === undefined ? stored : v);
  if (
    !after(input.to_user, current.toUser) &&
    !after(input.to_party, current.toParty) &&
    !after(input.to_tag, current.toTag)
  )
    throw new AppError("WECOM_RECIPIENT_REQUIRED", {}, { field: "to_user" });
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const app = await tx.wecomApp.update({
      where: { id: current.id },
      data: {
        appName: input.app_name,
        corpId: input.corp_id,
        agentId: input.agent_id,
        secret: input.secret ? encryptSecret(input.secret, SECRET_PURPOSE) : undefined,
        toUser: input.to_user,
        toParty: input.to_party,
        toTag: input.to_tag,
        isEnabled: input.is_enabled,
      },
    });
    const changed = Object.keys(input).filter((k) => input[k as keyof TUpdateWecomAppInput] !== undefined);
    await recordAudit(
      opts.scope,
      {
        action: "wecom_app.update",
        entityType: "wecom_app",
        entityId: app.id,
        tenantId: app.tenantId ?? "",
        details: { changed },
      },
      tx,
    );
    return toWecomAppView(app);
  });
}

export async function deleteWecomApp(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const app = await findOrThrow(opts.scope, opts.id, true);
  // Every tenant's tasks (platform-wide): a shared app must not vanish under any of them.
  const users = await db.scheduledTask.findMany({
    where: { notifyWecomAppId: app.id },
    select: { id: true, taskName: true },
  });
  if (users.length > 0) {
    const tasks = users.map((t) => `#${t.id} ${t.taskName}`).join(", ");
    throw new AppError(
      "WECOM_APP_IN_USE",
      { count: users.length, tasks },
      { details: users.map((t) => ({ path: `tasks.${t.id}`, message: t.taskName })) },
    );
  }
  await scopedDb(opts.scope).$transaction(async (tx) => {
    await tx.wecomApp.delete({ where: { id: app.id } });
    await recordAudit(
      opts.scope,
      { action: "wecom_app.delete", entityType: "wecom_app", entityId: app.id, tenantId: app.tenantId ?? "" },
      tx,
    );
  });
  return { success: true as const };
}

/** The app as the WeCom client needs it, secret decrypted (server-side only). */
export function wecomAppTarget(app: WecomApp): WecomAppTarget {
  return {
    corpId: app.corpId,
    agentId: app.agentId,
    secret: decryptSecret(app.secret, SECRET_PURPOSE),
    toUser: app.toUser,
    toParty: app.toParty,
    toTag: app.toTag,
  };
}
