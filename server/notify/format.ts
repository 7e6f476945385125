import { toDingtalkPayloads, type DingtalkPayload } from "./format-dingtalk";
import { toWecomPayloads, type WecomPayload } from "./format-wecom";
import { parseMessageResult } from "./message-schema";

export type RobotChannelType = "dingtalk_bot" | "wecom_bot";
export type RobotPayload = DingtalkPayload | WecomPayload;

/**
 * The exact payloads a robot of this type would receive for a script's `result` (test-script
 * previews). Throws AppError BAD_REQUEST for an invalid result; null/undefined give [].
 */
export function formatForRobot(result: unknown, channelType: RobotChannelType): RobotPayload[] {
  const parsed = parseMessageResult(result);
  if (!parsed) return [];
  return channelType === "dingtalk_bot" ? toDingtalkPayloads(parsed) : toWecomPayloads(parsed);
}
