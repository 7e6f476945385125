// Robot answers: which errcodes are worth retrying and what each means for an operator (Chinese).
// Codes from robot-apis.md §1.5, §2.4, §3.1–3.2.

export type NotifyChannelKind = "dingtalk_bot" | "wecom_bot" | "wecom_app";

/** Our own codes for failures that happen before a robot answers. */
export const TRANSPORT = {
  timeout: -2,
  network: -3,
  http: -4,
  badResponse: -5,
  badUrl: -6,
} as const;

const RETRYABLE: Record<NotifyChannelKind, number[]> = {
  dingtalk_bot: [-1, 130101, 410100],
  wecom_bot: [-1, 45009],
  wecom_app: [-1, 45009],
};

export function isRetryable(kind: NotifyChannelKind, errcode: number, httpStatus?: number): boolean {
  if (errcode === TRANSPORT.timeout || errcode === TRANSPORT.network) return true;
  if (errcode === TRANSPORT.http) return httpStatus === 429 || (httpStatus ?? 0) >= 500;
  return RETRYABLE[kind].includes(errcode);
}

const RESET_DINGTALK = "请在钉钉群设置 → 机器人中重新复制 Webhook 地址";
const RESET_WECOM = "请在企业微信群中重新复制机器人的 Webhook 地址";

function dingtalk(errcode: number, errmsg: string): string | undefined {
  if (errcode === 310000) {
    if (/sign|签名/i.test(errmsg))
      return "加签校验失败：请检查渠道的加签密钥是否与钉钉机器人安全设置中的一致";
    if (/timestamp|时间戳/i.test(errmsg))
      return "加签时间戳无效：本服务器时钟与钉钉相差超过 1 小时，请校准服务器时间";
    if (/keyword|关键词/i.test(errmsg))
      return "消息内容不包含机器人安全设置中的自定义关键词：请在消息中加入关键词，或修改机器人的安全设置";
    if (/ip|白名单/i.test(errmsg))
      return "本服务的出口 IP 不在机器人的 IP 白名单中：请在钉钉机器人安全设置中添加该 IP";
    return "钉钉安全校验失败（关键词、加签或 IP 白名单）：请核对机器人安全设置与渠道配置";
  }
  switch (errcode) {
    case 300001:
    case 300005:
    case 400101:
      return `Webhook 的 access_token 无效或机器人已被移除：${RESET_DINGTALK}`;
    case 400106:
      return `机器人不存在：${RESET_DINGTALK}`;
    case 400102:
      return "机器人已被停用：请在钉钉群中重新启用该机器人";
    case 400013:
      return "机器人所在的群已解散";
    case 400105:
      return "钉钉不支持该消息类型";
    case 130101:
    case 410100:
      return "发送过于频繁：钉钉机器人每分钟最多 20 条消息，超出后会被限流 10 分钟";
    case 460101:
    case 101002:
      return "消息过大：钉钉消息体不能超过 20000 字节";
    case 430101:
      return "消息包含不安全的链接，被钉钉拦截";
    case 430102:
    case 430103:
    case 430104:
      return "消息包含不当内容，被钉钉拦截";
    case 40035:
    case 43004:
      return "请求格式错误（缺少 JSON 参数或 Content-Type 不正确）";
    case 90030:
      return "机器人发送次数已超出额度";
    case -1:
      return "钉钉系统繁忙，请稍后重试";
  }
  return undefined;
}

// WeCom appends ", hint: [...], from ip: ..., more info at ..." to every errmsg.
const wecomText = (errmsg: string) => errmsg.split(", hint:")[0]!.trim();

function wecomCommon(errcode: number, rawErrmsg: string): string | undefined {
  const errmsg = wecomText(rawErrmsg);
  if (errcode >= 42027 && errcode <= 42049) return `模板卡片字段不合法：${errmsg}`;
  switch (errcode) {
    case 40008:
      return "消息类型无效（msgtype 区分大小写）";
    case 40058:
      return `消息字段超长或参数不合法：${errmsg}`;
    case 44004:
      return "消息内容为空";
    case 45009:
      return "发送过于频繁：已超过企业微信接口调用频率限制";
    case 45008:
      return "图文消息的文章数超过 8 篇";
    case 40009:
      return "图片大小不合法";
    case -1:
      return "企业微信系统繁忙，请稍后重试";
  }
  return undefined;
}

function wecomRobot(errcode: number, errmsg: string): string | undefined {
  switch (errcode) {
    case 93000:
      return `Webhook 地址无效（key 错误，或机器人已被移出群聊）：${RESET_WECOM}`;
    case 93004:
      return "机器人已被停用：请在企业微信群中重新启用该机器人";
    case 45009:
      return "发送过于频繁：企业微信机器人每分钟最多 20 条消息";
  }
  return wecomCommon(errcode, errmsg);
}

function wecomApp(errcode: number, errmsg: string): string | undefined {
  switch (errcode) {
    case 40013:
      return "企业 ID（corpid）无效：请检查企业微信应用配置中的企业 ID";
    case 40001:
    case 40091:
      return "应用 Secret 无效：请在企业微信管理后台核对该应用的 Secret";
    case 41002:
    case 41004:
      return "企业 ID 或应用 Secret 未填写";
    case 40014:
    case 42001:
      return "access_token 无效或已过期";
    case 41001:
      return "缺少 access_token";
    case 40056:
      return "AgentId 无效：请核对企业微信应用的 AgentId";
    case 81013:
      return "接收人全部无效：请检查应用的接收人（成员、部门、标签）是否在应用可见范围内";
    case 82001:
      return "接收人为空：请为应用配置接收成员、部门或标签";
    case 60020:
      return "本服务的出口 IP 不在应用的企业可信 IP 中：请在企业微信管理后台为该应用配置可信 IP";
  }
  return wecomCommon(errcode, errmsg);
}

function transport(errcode: number, errmsg: string, httpStatus?: number): string | undefined {
  switch (errcode) {
    case TRANSPORT.timeout:
      return "请求超时：机器人接口在规定时间内没有响应";
    case TRANSPORT.network:
      return `网络错误，无法连接到机器人接口：${errmsg}`;
    case TRANSPORT.http:
      return httpStatus && httpStatus >= 500
        ? `机器人接口暂时不可用（HTTP ${httpStatus}）`
        : `机器人接口返回 HTTP ${httpStatus ?? "错误"}：请检查 Webhook 地址是否正确`;
    case TRANSPORT.badResponse:
      return "机器人接口的响应不是有效的 JSON：请检查 Webhook 地址是否正确";
    case TRANSPORT.badUrl:
      return "Webhook 地址无效：需要以 http:// 或 https:// 开头的完整地址";
  }
  return undefined;
}

/** A Chinese explanation of a robot's (or the transport's) error; undefined for success. */
export function explainRobotError(
  kind: NotifyChannelKind,
  errcode: number,
  errmsg: string,
  httpStatus?: number,
): string | undefined {
  if (errcode === 0) return undefined;
  const known =
    transport(errcode, errmsg, httpStatus) ??
    (kind === "dingtalk_bot"
      ? dingtalk(errcode, errmsg)
      : kind === "wecom_bot"
        ? wecomRobot(errcode, errmsg)
        : wecomApp(errcode, errmsg));
  return known ?? `发送失败（错误码 ${errcode}）：${errmsg}`;
}
