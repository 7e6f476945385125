import { z } from "zod";
import { db } from "../../db";
import { sendMarkdown } from "../../notify/send";
import { ChannelSecretError, channelTarget } from "../../services/channels";
import { assertUrlAllowed, OutboundError } from "../../net/outbound";
import { countNetworkCall, ScriptFacingError, type RunContext } from "../run-context";
import { parseArgs, type HostBinding } from "./types";

type ChannelType = "dingtalk_bot" | "wecom_bot";
type Target = { channelType: ChannelType; webhookUrl: string; signSecret?: string | null };

const LABEL: Record<ChannelType, string> = { dingtalk_bot: "钉钉", wecom_bot: "企业微信" };

/** A webhook URL, or a channel id / name of the task's tenant (any tenant for a global task). */
async function resolveTarget(
  fn: string,
  ctx: RunContext,
  channelType: ChannelType,
  target: string | number,
): Promise<Target> {
  const raw = String(target).trim();
  if (/^https?:\/\//i.test(raw)) {
    try {
      await assertUrlAllowed(raw);
    } catch (err) {
      if (err instanceof OutboundError) throw new ScriptFacingError(`${fn}(): ${err.message}`);
      throw err;
    }
    return { channelType, webhookUrl: raw };
  }
  const tenantFilter = ctx.tenantId === null ? {} : { tenantId: ctx.tenantId };
  const byId = /^\d+$/.test(raw) ? { id: Number(raw) } : { channelName: raw };
  const channels = await db.notifyChannel.findMany({ where: { ...byId, ...tenantFilter }, take: 2 });
  if (channels.length === 0) throw new ScriptFacingError(`${fn}(): 找不到通知渠道「${raw}」`);
  if (channels.length > 1)
    throw new ScriptFacingError(`${fn}(): 有多个名为「${raw}」的通知渠道，请改用渠道 ID`);
  const channel = channels[0]!;
  if (channel.channelType !== channelType) {
    throw new ScriptFacingError(`${fn}(): 渠道「${channel.channelName}」不是${LABEL[channelType]}机器人`);
  }
  if (channel.isEnabled === false)
    throw new ScriptFacingError(`${fn}(): 渠道「${channel.channelName}」已停用`);
  try {
    return channelTarget(channel);
  } catch (err) {
    if (err instanceof ChannelSecretError) throw new ScriptFacingError(`${fn}(): ${err.message}`);
    throw err;
  }
}

function robot(fn: "dingtalk" | "wecom", channelType: ChannelType): HostBinding {
  return async (ctx, args) => {
    const [target, content, title] =
      fn === "dingtalk"
        ? parseArgs(
            fn,
            ["webhook_url_or_channel", "content", "title"],
            z.tuple([
              z.union([z.string().min(1), z.number().int()]),
              z.string().min(1),
              z.string().optional(),
            ]),
            args,
          )
        : [
            ...parseArgs(
              fn,
              ["webhook_url_or_channel", "content"],
              z.tuple([z.union([z.string().min(1), z.number().int()]), z.string().min(1)]),
              args,
            ),
            undefined,
          ];
    countNetworkCall(ctx);
    const resolved = await resolveTarget(fn, ctx, channelType, target);
    try {
      // wecom() has no title (as in the seed): the robot shows the content alone.
      // A message a person reads: secrets the run read are masked, as in `result`.
      const res = await sendMarkdown(
        resolved,
        ctx.output.mask(content),
        fn === "dingtalk" ? ctx.output.mask(title ?? "通知") : undefined,
      );
      return { errcode: res.errcode, errmsg: res.errmsg };
    } catch (err) {
      throw new ScriptFacingError(`${fn}(): 发送失败：${(err as Error).message}`);
    }
  };
}

export const robotBindings: Record<string, HostBinding> = {
  dingtalk: robot("dingtalk", "dingtalk_bot"),
  wecom: robot("wecom", "wecom_bot"),
};
