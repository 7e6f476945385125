import type { SameShape } from "../types";

// The task editor's run settings and the webhook signing key (issue 14 item 9).
const zh = {
  overlap: "上次未结束时",
  overlapSkip: "跳过本次",
  overlapAllow: "同时运行",
  overlapHint: "到点时上一次运行还没结束：跳过本次（记一条“已跳过”），或让两次同时运行。",
  misfire: "错过补跑时限（秒）",
  misfireHint: "服务停机等原因错过触发时间后，在此时限内恢复仍会补跑一次；超过则跳过。0 表示从不补跑。",
  timeoutHint: "单次运行的最长时间，超时即终止并记为失败（1–3600 秒）。",
  keyTitle: "签名密钥",
  keyHint: "每次调用都带请求头 {header}，值为 {format}。用此密钥校验请求确实来自本平台。",
  keyShow: "显示密钥",
  keyHide: "隐藏",
  keyCopy: "复制密钥",
  keyRotate: "轮换密钥",
  keyRotateTitle: "轮换签名密钥？",
  keyRotateBody: "新密钥立即生效，旧密钥签的请求将无法通过校验。请随后把新密钥更新到接收方。",
  keyRotated: "签名密钥已轮换",
  keySaveFirst: "保存任务后才有签名密钥。",
  nameCounter: "{count} / {max}",
  newDisabledHint: "新任务默认停用：测试无误后再启用，避免误推送到群里。",
  resultInvalid: "脚本设置的 result 不是可推送的消息：",
  noChannelsNote: "此任务还没有推送渠道：以下只是消息的样子，运行时不会推送到任何群。",
  notPushedTitle: "消息预览（未推送）",
  notPushedNote: "这次运行没有推送渠道，消息没有发出；以下是它推送时的样子。",
  resultUnreadable: "这次运行的 result 无法预览。",
};

const en: SameShape<typeof zh> = {
  overlap: "If the last run is still going",
  overlapSkip: "Skip this run",
  overlapAllow: "Run both",
  overlapHint:
    "When a run is due while the previous one is still running: skip it (recorded as skipped) or run both.",
  misfire: "Misfire grace (seconds)",
  misfireHint:
    "A fire missed while the service was down still runs once if it recovers within this time; later ones are skipped. 0 never catches up.",
  timeoutHint: "Longest time one run may take; it is stopped and marked failed after that (1–3600 s).",
  keyTitle: "Signing key",
  keyHint:
    "Every call carries the header {header} with {format}. Check it with this key to know the call came from here.",
  keyShow: "Show key",
  keyHide: "Hide",
  keyCopy: "Copy key",
  keyRotate: "Rotate key",
  keyRotateTitle: "Rotate the signing key?",
  keyRotateBody:
    "The new key applies at once; calls signed with the old one no longer verify. Update the receiver afterwards.",
  keyRotated: "Signing key rotated",
  keySaveFirst: "The signing key exists once the task is saved.",
  nameCounter: "{count} / {max}",
  newDisabledHint:
    "New tasks start disabled: enable it once a test run looks right, so no group gets a message by surprise.",
  resultInvalid: "The script's result is not a message that can be pushed:",
  noChannelsNote:
    "This task has no channels yet: this is only how the message looks; running it pushes to no group.",
  notPushedTitle: "Message preview (not pushed)",
  notPushedNote: "This run had no channels, so nothing was sent; this is how the message would look.",
  resultUnreadable: "This run's result cannot be previewed.",
};

export const taskSettings = { zh, en };
