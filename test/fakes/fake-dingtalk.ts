import { createHmac, timingSafeEqual } from "node:crypto";
import {
  FailureQueue,
  SlidingWindow,
  isNonEmptyString,
  isObject,
  startFakeServer,
  type ForcedFailure,
  type ReceivedRequest,
  type Reply,
} from "./fake-server";

// Strict fake of the DingTalk custom robot (shared/specs/robot-apis.md §1): token, 加签 with its
// 1-hour window, keywords, 20000-byte body, required fields per msgtype, 20/min with a lock.

export type FakeDingtalkRobot = { token: string; secret?: string; keywords?: string[] };

export type FakeDingtalkOptions = {
  robots?: FakeDingtalkRobot[];
  /** Unknown tokens are accepted as robots without security settings (demo mode). */
  acceptAnyToken?: boolean;
  rateLimit?: { max?: number; windowMs?: number; lockMs?: number };
  port?: number;
};

const MORE = ", more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]";
const BODY_LIMIT = 20_000;
const answer = (errcode: number, errmsg: string): Reply => ({ body: { errcode, errmsg } });

function checkSign(robot: FakeDingtalkRobot, query: URLSearchParams, now: number): Reply | null {
  if (!robot.secret) return null;
  const timestamp = query.get("timestamp");
  const sign = query.get("sign"); // URLSearchParams already URL-decoded it
  if (!timestamp || !sign) return answer(310000, "sign not match" + MORE);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 3_600_000)
    return answer(310000, "invalid timestamp" + MORE);
  const expected = createHmac("sha256", robot.secret).update(`${timestamp}\n${robot.secret}`).digest();
  const given = Buffer.from(sign, "base64");
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString("base64") !== sign
  )
    return answer(310000, "sign not match" + MORE);
  return null;
}

const missing = (field: string) => answer(40035, `缺少参数 ${field}`);

/** Required fields per msgtype (§1.3). */
export function checkDingtalkMessage(body: Record<string, unknown>): Reply | null {
  const type = body.msgtype;
  if (!isNonEmptyString(type)) return missing("msgtype");
  const inner = body[type];
  if (!["text", "markdown", "link", "actionCard", "feedCard"].includes(type))
    return answer(400105, "不支持的消息类型");
  if (!isObject(inner)) return missing(type);
  if (body.at !== undefined) {
    if (!isObject(body.at)) return answer(40035, "at 参数不合法");
    for (const k of ["atMobiles", "atUserIds"]) {
      const list = body.at[k];
      if (list !== undefined && !(Array.isArray(list) && list.every(isNonEmptyString)))
        return answer(40035, `at.${k} 参数不合法`);
    }
  }
  const need = (...fields: string[]) => {
    for (const f of fields) if (!isNonEmptyString(inner[f])) return missing(`${type}.${f}`);
    return null;
  };
  switch (type) {
    case "text":
      return need("content");
    case "markdown":
      return need("title", "text");
    case "link":
      if (inner.picUrl !== undefined && typeof inner.picUrl !== "string")
        return answer(40035, "link.picUrl 参数不合法");
      return need("title", "text", "messageUrl");
    case "actionCard": {
      const base = need("title", "text");
      if (base) return base;
      if (inner.btnOrientation !== undefined && inner.btnOrientation !== "0" && inner.btnOrientation !== "1")
        return answer(40035, "actionCard.btnOrientation 参数不合法");
      if (inner.btns !== undefined) {
        if (!Array.isArray(inner.btns) || inner.btns.length === 0) return missing("actionCard.btns");
        for (const [i, b] of inner.btns.entries()) {
          if (!isObject(b) || !isNonEmptyString(b.title)) return missing(`actionCard.btns[${i}].title`);
          if (!isNonEmptyString(b.actionURL)) return missing(`actionCard.btns[${i}].actionURL`);
        }
        return null;
      }
      return need("singleTitle", "singleURL");
    }
    case "feedCard": {
      if (!Array.isArray(inner.links) || inner.links.length === 0) return missing("feedCard.links");
      for (const [i, l] of inner.links.entries()) {
        for (const f of ["title", "messageURL", "picURL"])
          if (!isObject(l) || !isNonEmptyString(l[f])) return missing(`feedCard.links[${i}].${f}`);
      }
      return null;
    }
  }
  return null;
}

export type FakeDingtalk = Awaited<ReturnType<typeof startFakeDingtalk>>;

export async function startFakeDingtalk(opts: FakeDingtalkOptions = {}) {
  const robots = new Map<string, FakeDingtalkRobot>();
  for (const r of opts.robots ?? [{ token: "dingtalk-test-token" }]) robots.set(r.token, r);
  const firstToken = [...robots.keys()][0] ?? "dingtalk-test-token";
  const limit = new SlidingWindow(
    opts.rateLimit?.max ?? 20,
    opts.rateLimit?.windowMs ?? 60_000,
    opts.rateLimit?.lockMs ?? 600_000,
  );
  const failures = new FailureQueue();

  const running = await startFakeServer(
    (req, raw, url) => {
      if (url.pathname !== "/robot/send") return { status: 404, body: { errcode: 404, errmsg: "not found" } };
      if (req.method !== "POST") return { status: 405, body: { errcode: 405, errmsg: "method not allowed" } };
      const token = url.searchParams.get("access_token");
      let robot = token ? robots.get(token) : undefined;
      if (!robot && token && opts.acceptAnyToken) robot = { token };
      if (!robot) return answer(300001, "token is not exist");
      const signFailure = checkSign(robot, url.searchParams, Date.now());
      if (signFailure) return signFailure;
      if (
        !String(req.headers["content-type"] ?? "")
          .toLowerCase()
          .startsWith("application/json")
      )
        return answer(43004, "无效的HTTP HEADER Content-Type");
      if (Buffer.byteLength(raw, "utf8") > BODY_LIMIT)
        return answer(460101, "message too long, exceed 20000 bytes");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(40035, "缺少参数 json");
      }
      if (!isObject(body)) return answer(40035, "缺少参数 json");
      if (!limit.hit(robot.token)) return answer(130101, "send too fast, exceed 20 times per minute");
      const invalid = checkDingtalkMessage(body);
      if (invalid) return invalid;
      if (robot.keywords?.length && !robot.keywords.some((k) => raw.includes(k)))
        return answer(310000, "keywords not in content" + MORE);
      return answer(0, "ok");
    },
    failures,
    opts.port,
  );

  return {
    url: running.url,
    /** Every request, rejected ones included. */
    received: running.received,
    /** The messages the robot accepted, in order. */
    accepted: (): ReceivedRequest[] => running.received.filter((r) => r.errcode === 0 && r.status === 200),
    webhookUrl: (token: string = firstToken) =>
      `${running.url}/robot/send?access_token=${encodeURIComponent(token)}`,
    addRobot: (robot: FakeDingtalkRobot) => void robots.set(robot.token, robot),
    failNext: (n: number, failure?: ForcedFailure, skip = 0) => failures.failNext(n, failure, skip),
    reset: () => {
      running.received.length = 0;
      limit.reset();
      failures.clear();
    },
    close: running.close,
  };
}
