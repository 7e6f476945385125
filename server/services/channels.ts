import type { NotifyChannel, Prisma } from "@/generated/prisma/client";
import {
  hasRobotKey,
  robotKeyReason,
  type TCreateChannelInput,
  type TListChannelsQuery,
  type TUpdateChannelInput,
} from "@/lib/schemas/channel";
import { paged, type TPagination } from "@/lib/zod-helpers";
import { runScope, scopedDb, tenantExists } from "../db/scoped";
import { AppError } from "../errors";
import { assertCanWrite, tenantForCreate, type Scope } from "../auth/scope";
import { CHANNEL_SIGN_SECRET_PURPOSE, decryptSecret, encryptSecret, isEncrypted } from "../crypto/secret-box";
import { isAllowlisted } from "../net/ip-policy";
import { assertUrlAllowedAtSave } from "../net/save-check";
import { sendRobotMessage, type DeliveryOutcome } from "../notify/send";
import { urlForScope } from "../auth/redact";
import { recordAudit } from "./audit";

const SECRET_PURPOSE = CHANNEL_SIGN_SECRET_PURPOSE;

/** The channel as API.md shows it: the seed's columns, sign_secret replaced by sign_secret_set. */
export type ChannelView = {
  id: number;
  tenant_id: string;
  channel_name: string;
  channel_type: "dingtalk_bot" | "wecom_bot";
  webhook_url: string;
  sign_secret_set: boolean;
  description: string | null;
  is_enabled: boolean;
  created_at: Date | null;
  updated_at: Date | null;
};

export function toChannelView(c: NotifyChannel): ChannelView {
  return {
    id: c.id,
    tenant_id: c.tenantId,
    channel_name: c.channelName,
    channel_type: c.channelType,
    webhook_url: c.webhookUrl,
    sign_secret_set: !!c.signSecret,
    description: c.description,
    is_enabled: c.isEnabled ?? true,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/**
 * A robot URL must be https (plain http only for hosts the outbound allowlist names), and its
 * host must not resolve to an internal address unless allowlisted (the SSRF guard).
 */
async function assertWebhookAllowed(url: string): Promise<void> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (u.protocol !== "https:" && !(u.protocol === "http:" && isAllowlisted(host, host))) {
    throw new AppError("WEBHOOK_HTTPS_REQUIRED", {}, { field: "webhook_url" });
  }
  await assertUrlAllowedAtSave(url, "webhook_url");
}

async function findOrThrow(scope: Scope, id: number): Promise<NotifyChannel> {
  const channel = await scopedDb(scope).notifyChannel.findFirst({ where: { id } });
  if (!channel) throw new AppError("CHANNEL_NOT_FOUND");
  return channel;
}

export async function listChannels(opts: { scope: Scope; filter: TListChannelsQuery; page: TPagination }) {
  const db = scopedDb(opts.scope, { narrow: opts.filter.tenant_id || undefined });
  const where: Prisma.NotifyChannelWhereInput = {
    ...(opts.filter.channel_type ? { channelType: opts.filter.channel_type } : {}),
  };
  const [rows, total] = await Promise.all([
    db.notifyChannel.findMany({
      where,
      orderBy: channelOrder(opts.filter.sort),
      skip: (opts.page.page - 1) * opts.page.page_size,
      take: opts.page.page_size,
    }),
    db.notifyChannel.count({ where }),
  ]);
  return paged(
    rows.map((c) => channelViewFor(opts.scope, c)),
    total,
    opts.page,
  );
}

/** The list's order: by name or type when asked, then newest first. */
function channelOrder(sort: TListChannelsQuery["sort"]): Prisma.NotifyChannelOrderByWithRelationInput[] {
  const dir = sort?.desc ? "desc" : "asc";
  if (sort?.column === "name") return [{ channelName: dir }, { id: "desc" }];
  if (sort?.column === "type") return [{ channelType: dir }, { channelName: "asc" }, { id: "desc" }];
  return [{ id: "desc" }];
}

/** What this caller may see of a channel: viewers get the robot key in the URL masked. */
export function channelViewFor(scope: Scope, c: NotifyChannel): ChannelView {
  const view = toChannelView(c);
  return { ...view, webhook_url: urlForScope(scope, view.webhook_url) };
}

export async function getChannelOrThrow(opts: { scope: Scope; id: number }): Promise<ChannelView> {
  return channelViewFor(opts.scope, await findOrThrow(opts.scope, opts.id));
}

export async function createChannel(opts: {
  scope: Scope;
  input: TCreateChannelInput;
}): Promise<ChannelView> {
  assertCanWrite(opts.scope);
  const { input } = opts;
  const tenantId = tenantForCreate(opts.scope, input.tenant_id);
  if (!tenantId) throw new AppError("TENANT_REQUIRED", {}, { field: "tenant_id" });
  if (!(await tenantExists(opts.scope, tenantId)))
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  await assertWebhookAllowed(input.webhook_url);
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const channel = await tx.notifyChannel.create({
      data: {
        tenantId,
        channelName: input.channel_name,
        channelType: input.channel_type,
        webhookUrl: input.webhook_url,
        signSecret: input.sign_secret ? encryptSecret(input.sign_secret, SECRET_PURPOSE) : null,
        description: input.description ?? null,
        isEnabled: input.is_enabled ?? true,
      },
    });
    await recordAudit(
      opts.scope,
      {
        action: "channel.create",
        entityType: "channel",
        entityId: channel.id,
        tenantId,
        details: { channel_name: input.channel_name, channel_type: input.channel_type },
      },
      tx,
    );
    return toChannelView(channel);
  });
}

export async function updateChannel(opts: {
  scope: Scope;
  id: number;
  input: TUpdateChannelInput;
}): Promise<ChannelView> {
  assertCanWrite(opts.scope);
  const current = await findOrThrow(opts.scope, opts.id);
  const { input } = opts;
  const type = input.channel_type ?? current.channelType;
  const url = input.webhook_url ?? current.webhookUrl;
  if (input.webhook_url !== undefined || input.channel_type !== undefined) {
    if (!hasRobotKey(type, url)) throw new AppError(robotKeyReason(type), {}, { field: "webhook_url" });
    await assertWebhookAllowed(url);
  }
  return scopedDb(opts.scope).$transaction(async (tx) => {
    const channel = await tx.notifyChannel.update({
      where: { id: current.id },
      data: {
        channelName: input.channel_name,
        channelType: input.channel_type,
        webhookUrl: input.webhook_url,
        signSecret:
          input.sign_secret === undefined
            ? undefined
            : input.sign_secret
              ? encryptSecret(input.sign_secret, SECRET_PURPOSE)
              : null,
        description: input.description,
        isEnabled: input.is_enabled,
      },
    });
    const changed = Object.keys(input).filter((k) => input[k as keyof TUpdateChannelInput] !== undefined);
    await recordAudit(
      opts.scope,
      {
        action: "channel.update",
        entityType: "channel",
        entityId: channel.id,
        tenantId: channel.tenantId,
        details: { changed },
      },
      tx,
    );
    return toChannelView(channel);
  });
}

/** Tasks whose notify_channels still name this channel (the seed stores ids as a JSON array). */
async function tasksUsingChannel(channel: NotifyChannel) {
  const tasks = await scopedDb(runScope(channel.tenantId)).scheduledTask.findMany({
    select: { id: true, taskName: true, notifyChannels: true },
  });
  return tasks.filter(
    (t) => Array.isArray(t.notifyChannels) && t.notifyChannels.some((c) => Number(c) === channel.id),
  );
}

export async function deleteChannel(opts: { scope: Scope; id: number }) {
  assertCanWrite(opts.scope);
  const channel = await findOrThrow(opts.scope, opts.id);
  const users = await tasksUsingChannel(channel);
  if (users.length > 0) {
    const tasks = users.map((t) => `#${t.id} ${t.taskName}`).join(", ");
    throw new AppError(
      "CHANNEL_IN_USE",
      { count: users.length, tasks },
      { details: users.map((t) => ({ path: `tasks.${t.id}`, message: t.taskName })) },
    );
  }
  await scopedDb(opts.scope).$transaction(async (tx) => {
    await tx.notifyChannel.delete({ where: { id: channel.id } });
    await recordAudit(
      opts.scope,
      {
        action: "channel.delete",
        entityType: "channel",
        entityId: channel.id,
        tenantId: channel.tenantId,
        details: { channel_name: channel.channelName },
      },
      tx,
    );
  });
  return { success: true as const };
}

/**
 * A channel whose stored sign_secret cannot be used: still plaintext (written by the original
 * system after adoption) or not decryptable with this APP_SECRET. Explained, never a crash.
 */
export class ChannelSecretError extends Error {
  /** Delivery records carry this errcode; it is not retried (re-saving the channel fixes it). */
  static readonly ERRCODE = -8;
  constructor(
    readonly channelName: string,
    readonly reason: "plaintext" | "undecryptable",
  ) {
    super(
      reason === "plaintext"
        ? `渠道「${channelName}」的加签密钥仍是明文（未经平台加密），请在渠道设置中重新填写加签密钥 (sign_secret is stored in plaintext: enter it again)`
        : `渠道「${channelName}」的加签密钥无法解密（APP_SECRET 已更换？），请在渠道设置中重新填写加签密钥 (sign_secret cannot be decrypted: enter it again)`,
    );
    this.name = "ChannelSecretError";
  }
}

/** Delivery target of a channel, with its signing secret decrypted (never leaves the server). */
export function channelTarget(channel: NotifyChannel) {
  let signSecret: string | null = null;
  if (channel.signSecret) {
    if (!isEncrypted(channel.signSecret)) throw new ChannelSecretError(channel.channelName, "plaintext");
    try {
      signSecret = decryptSecret(channel.signSecret, SECRET_PURPOSE);
    } catch {
      throw new ChannelSecretError(channel.channelName, "undecryptable");
    }
  }
  return { channelType: channel.channelType, webhookUrl: channel.webhookUrl, signSecret };
}

export const DEFAULT_TEST_CONTENT = "这是一条来自定时任务平台的测试消息 ✅";

/** Sends a test markdown message; the robot's answer comes back explained, never thrown. */
export async function testChannel(opts: { scope: Scope; id: number; content?: string }) {
  assertCanWrite(opts.scope);
  const channel = await findOrThrow(opts.scope, opts.id);
  let target: ReturnType<typeof channelTarget>;
  try {
    target = channelTarget(channel);
  } catch (err) {
    // A 400 naming the field to fix, not a 500.
    if (err instanceof ChannelSecretError)
      throw new AppError(
        err.reason === "plaintext" ? "SIGN_SECRET_PLAINTEXT" : "SIGN_SECRET_UNDECRYPTABLE",
        { channel: err.channelName },
        { field: "sign_secret" },
      );
    throw err;
  }
  const outcome: DeliveryOutcome = await sendRobotMessage(target, {
    title: "测试消息",
    content: `### 测试消息\n\n${opts.content ?? DEFAULT_TEST_CONTENT}\n\n> 渠道：${channel.channelName}`,
  });
  await recordAudit(opts.scope, {
    action: "channel.test",
    entityType: "channel",
    entityId: channel.id,
    tenantId: channel.tenantId,
    details: { ok: outcome.ok, errcode: outcome.errcode },
  });
  return {
    success: outcome.ok,
    errcode: outcome.errcode,
    errmsg: outcome.errmsg,
    explanation: outcome.explanation ?? null,
  };
}
