import { randomBytes } from "node:crypto";
import {
  FailureQueue,
  isObject,
  startFakeServer,
  type ForcedFailure,
  type ReceivedRequest,
  type Reply,
} from "./fake-server";
import { checkWecomMessage, wecomErrmsg } from "./wecom-validate";

// Strict fake of the WeCom application API (robot-apis.md §3): gettoken (same token until it
// expires; configurable lifetime) and message/send (token 41001/40014/42001, agentid 40056,
// recipients 82001/81013 with invaliduser, message checks).

export type FakeWecomApp = {
  corpId: string;
  secret: string;
  agentId: number;
  /** Known member ids; when set, unknown touser entries are reported in invaliduser. */
  users?: string[];
  /** Known department ids; when set, unknown toparty entries are reported in invalidparty. */
  parties?: string[];
};

export type FakeWecomApiOptions = {
  apps?: FakeWecomApp[];
  /** Lifetime of issued tokens, seconds (the real service: 7200). */
  tokenLifetimeSeconds?: number;
  port?: number;
};

type Token = { token: string; app: FakeWecomApp; expiresAt: number };

const answer = (errcode: number, text = "ok", extra: Record<string, unknown> = {}): Reply => ({
  body: { errcode, errmsg: wecomErrmsg(errcode, text), ...extra },
});

const DEMO_APP: FakeWecomApp = { corpId: "ww-test-corp", secret: "test-app-secret", agentId: 1000002 };

export type FakeWecomApi = Awaited<ReturnType<typeof startFakeWecomApi>>;

export async function startFakeWecomApi(opts: FakeWecomApiOptions = {}) {
  const apps = opts.apps ?? [DEMO_APP];
  const lifetimeMs = (opts.tokenLifetimeSeconds ?? 7200) * 1000;
  const tokens = new Map<string, Token>();
  const failures = new FailureQueue();
  let gettokenCalls = 0;

  function issue(app: FakeWecomApp): Token {
    const now = Date.now();
    const current = [...tokens.values()].find((t) => t.app === app && t.expiresAt > now);
    if (current) return current;
    const token = { token: randomBytes(48).toString("base64url"), app, expiresAt: now + lifetimeMs };
    tokens.set(token.token, token);
    return token;
  }

  function gettoken(url: URL): Reply {
    gettokenCalls++;
    const corpId = url.searchParams.get("corpid");
    const secret = url.searchParams.get("corpsecret");
    if (!corpId) return answer(41002, "corpid missing");
    if (!secret) return answer(41004, "corpsecret missing");
    const corpApps = apps.filter((a) => a.corpId === corpId);
    if (!corpApps.length) return answer(40013, "invalid corpid");
    const app = corpApps.find((a) => a.secret === secret);
    if (!app) return answer(40001, "invalid credential");
    const t = issue(app);
    return answer(0, "ok", {
      access_token: t.token,
      expires_in: Math.ceil((t.expiresAt - Date.now()) / 1000),
    });
  }

  function send(raw: string, url: URL): Reply {
    const tokenText = url.searchParams.get("access_token");
    if (!tokenText) return answer(41001, "access_token missing");
    const token = tokens.get(tokenText);
    if (!token) return answer(40014, "invalid access_token");
    if (token.expiresAt <= Date.now()) return answer(42001, "access_token expired");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return answer(47001, "data format error");
    }
    if (!isObject(body)) return answer(47001, "data format error");
    if (body.agentid !== token.app.agentId) return answer(40056, "invalid agentid");
    const list = (v: unknown) => (typeof v === "string" ? v.split("|").filter(Boolean) : []);
    const users = list(body.touser);
    const parties = list(body.toparty);
    const tags = list(body.totag);
    if (!users.length && !parties.length && !tags.length)
      return answer(82001, "All touser & toparty & totag invalid");
    const invalidUsers =
      token.app.users && !users.includes("@all") ? users.filter((u) => !token.app.users!.includes(u)) : [];
    const invalidParties = token.app.parties ? parties.filter((p) => !token.app.parties!.includes(p)) : [];
    if (invalidUsers.length === users.length && invalidParties.length === parties.length && !tags.length)
      return answer(81013, "user & party & tag all invalid");
    const problem = checkWecomMessage(body, "app");
    if (problem) return answer(problem[0], problem[1]);
    return answer(0, "ok", {
      ...(invalidUsers.length ? { invaliduser: invalidUsers.map((u) => u.toLowerCase()).join("|") } : {}),
      ...(invalidParties.length ? { invalidparty: invalidParties.join("|") } : {}),
      msgid: randomBytes(12).toString("hex"),
    });
  }

  const running = await startFakeServer(
    (req, raw, url) => {
      if (url.pathname === "/cgi-bin/gettoken" && req.method === "GET") return gettoken(url);
      if (url.pathname === "/cgi-bin/message/send" && req.method === "POST") return send(raw, url);
      return { status: 404, body: { errcode: 404, errmsg: "not found" } };
    },
    failures,
    opts.port,
  );

  const sends = () => running.received.filter((r) => r.path === "/cgi-bin/message/send");
  return {
    url: running.url,
    received: running.received,
    /** message/send requests, rejected ones included. */
    sends,
    /** Messages accepted by message/send, in order. */
    accepted: (): ReceivedRequest[] => sends().filter((r) => r.errcode === 0 && r.status === 200),
    gettokenCalls: () => gettokenCalls,
    /** Invalidate every issued token early (they stay known, so message/send answers 42001). */
    expireTokens: () => {
      for (const t of tokens.values()) t.expiresAt = Date.now() - 1;
    },
    failNext: (n: number, failure?: ForcedFailure, skip = 0) => failures.failNext(n, failure, skip),
    reset: () => {
      running.received.length = 0;
      tokens.clear();
      failures.clear();
      gettokenCalls = 0;
    },
    close: running.close,
  };
}
