import { z } from "zod";
import { zBool, zListSort, ZPagination } from "../zod-helpers";
import { ZIdParams } from "./common";

// Notification channel input, shared by the console form, tRPC and the REST handlers.

export const CHANNEL_TYPES = ["dingtalk_bot", "wecom_bot"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const ZWebhookUrl = z
  .string()
  .trim()
  .max(500)
  .url("must be a URL")
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL");

const channelFields = {
  channel_name: z.string().trim().min(1).max(100),
  channel_type: z.enum(CHANNEL_TYPES),
  webhook_url: ZWebhookUrl,
  // Encrypted at rest; a DingTalk 加签 secret is "SEC" + 64 hex characters (empty = no signing).
  sign_secret: z
    .string()
    .trim()
    .max(100)
    .refine((s) => s === "" || s.startsWith("SEC"), "SIGN_SECRET_PREFIX")
    .nullish(),
  description: z.string().trim().max(255).nullish(),
  is_enabled: zBool.optional(),
};

/** The robot's key must be in the URL: DingTalk `access_token`, WeCom `key`. */
function hasRobotKey(type: ChannelType, url: string): boolean {
  try {
    const params = new URL(url).searchParams;
    return type === "dingtalk_bot" ? !!params.get("access_token") : !!params.get("key");
  } catch {
    return false;
  }
}

// Reason codes (lib/errors.ts): the server words them in English, the console in zh or en.
const robotKeyReason = (type: ChannelType) =>
  type === "dingtalk_bot" ? "DINGTALK_ACCESS_TOKEN_MISSING" : "WECOM_KEY_MISSING";

export const ZCreateChannelInput = z
  .object({ ...channelFields, tenant_id: z.string().trim().min(1).max(50).optional() })
  .superRefine((v, ctx) => {
    if (!hasRobotKey(v.channel_type, v.webhook_url)) {
      ctx.addIssue({ code: "custom", path: ["webhook_url"], message: robotKeyReason(v.channel_type) });
    }
  });
export type TCreateChannelInput = z.infer<typeof ZCreateChannelInput>;

/** Partial update; `sign_secret: null` or "" clears the secret, omitted keeps it. */
export const ZUpdateChannelInput = z.object({
  channel_name: channelFields.channel_name.optional(),
  channel_type: channelFields.channel_type.optional(),
  webhook_url: channelFields.webhook_url.optional(),
  sign_secret: channelFields.sign_secret,
  description: channelFields.description,
  is_enabled: channelFields.is_enabled,
});
export type TUpdateChannelInput = z.infer<typeof ZUpdateChannelInput>;

/** The console's channel form: the create input plus the edit's "clear the stored secret" box. */
export const ZChannelForm = z.intersection(ZCreateChannelInput, z.object({ clear_sign: z.boolean() }));

export const ZListChannelsQuery = z.object({
  tenant_id: z.string().trim().max(50).optional(),
  channel_type: z.enum(CHANNEL_TYPES).optional(),
  /** `name` or `type` with `.asc` / `.desc`; default newest first. */
  sort: zListSort(["name", "type"]).optional(),
});
export type TListChannelsQuery = z.infer<typeof ZListChannelsQuery>;
/** channels.list: a page of the filtered channels. */
export const ZListChannelsInput = ZPagination.and(ZListChannelsQuery);

const testFields = { content: z.string().trim().min(1).max(4000).optional() };
/** POST /api/notification-channels/{id}/test body: the text sent (default: a test message). */
export const ZTestChannelInput = z.object(testFields).optional();
/** channels.test: the id with the REST body's fields. */
export const ZTestChannelByIdInput = ZIdParams.extend(testFields);

export { hasRobotKey, robotKeyReason };
