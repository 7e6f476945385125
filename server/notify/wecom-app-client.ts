import { createHash } from "node:crypto";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { db } from "../db";
import type { WecomPayload } from "./format-wecom";
import { requestJson } from "./http-json";
import { toRobotAnswer, type ClientOptions, type RobotAnswer } from "./robot-clients";

// WeCom application messages (robot-apis.md §3): gettoken, cached per corp + secret until shortly
// before expiry, and message/send with the app's agent id and default recipients.

export type WecomAppTarget = {
  corpId: string;
  agentId: number;
  secret: string;
  toUser?: string | null;
  toParty?: string | null;
  toTag?: string | null;
};

export type WecomAppOptions = ClientOptions & { baseUrl?: string; tokens?: WecomTokenCache };

type CachedToken = { token: string; expiresAt: number; stored?: string };
const TOKEN_PURPOSE = "wecom-token";
type TokenResult = { token: string } | { failure: RobotAnswer };

const TOKEN_EXPIRED = [40014, 42001];

/**
 * Tokens per corp + secret, in memory, and with `shared` also in the database
 * (platform_wecom_tokens, encrypted), so every instance uses the token one of them fetched.
 */
export class WecomTokenCache {
  private tokens = new Map<string, CachedToken>();
  private pending = new Map<string, Promise<TokenResult>>();

  constructor(private readonly opts: { shared?: boolean } = {}) {}

  private key(baseUrl: string, corpId: string, secret: string): string {
    return createHash("sha256")
      .update(`${baseUrl}|${corpId}|${createHash("sha256").update(secret).digest("hex")}`)
      .digest("hex");
  }

  /** A valid token, fetched once for concurrent callers (and instances, when shared). */
  async get(baseUrl: string, app: WecomAppTarget, opts: ClientOptions = {}): Promise<TokenResult> {
    const key = this.key(baseUrl, app.corpId, app.secret);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return { token: cached.token };
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fromDatabaseOrFetch(key, baseUrl, app, opts).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const result = await pending;
    return result;
  }

  invalidate(baseUrl: string, app: WecomAppTarget): void {
    const key = this.key(baseUrl, app.corpId, app.secret);
    const stale = this.tokens.get(key);
    this.tokens.delete(key);
    if (this.opts.shared && stale)
      // Only the token this instance saw rejected: another may have stored a fresh one meanwhile.
      void db.wecomToken
        .deleteMany({ where: { cacheKey: key, accessToken: stale.stored ?? "" } })
        .catch(() => undefined);
  }

  private async fromDatabaseOrFetch(
    key: string,
    baseUrl: string,
    app: WecomAppTarget,
    opts: ClientOptions,
  ): Promise<TokenResult> {
    if (this.opts.shared) {
      const row = await db.wecomToken.findUnique({ where: { cacheKey: key } }).catch(() => null);
      if (row && row.expiresAt.getTime() > Date.now()) {
        try {
          const token = decryptSecret(row.accessToken, TOKEN_PURPOSE);
          this.tokens.set(key, { token, expiresAt: row.expiresAt.getTime(), stored: row.accessToken });
          return { token };
        } catch {
          // APP_SECRET changed: fetch a new one below.
        }
      }
    }
    const got = await this.fetchToken(baseUrl, app, opts);
    if ("token" in got && this.opts.shared) {
      const cached = this.tokens.get(key)!;
      const stored = encryptSecret(got.token, TOKEN_PURPOSE);
      cached.stored = stored;
      const expiresAt = new Date(cached.expiresAt);
      await db.wecomToken
        .upsert({
          where: { cacheKey: key },
          create: { cacheKey: key, accessToken: stored, expiresAt },
          update: { accessToken: stored, expiresAt },
        })
        .catch(() => undefined);
    }
    return got;
  }

  private async fetchToken(baseUrl: string, app: WecomAppTarget, opts: ClientOptions): Promise<TokenResult> {
    const url = `${baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(app.corpId)}&corpsecret=${encodeURIComponent(app.secret)}`;
    const answer = await requestJson(url, { method: "GET", timeoutMs: opts.timeoutMs });
    const token = answer.body?.access_token;
    if (answer.errcode !== 0 || typeof token !== "string")
      return {
        failure: toRobotAnswer(
          "wecom_app",
          answer.errcode === 0
            ? { ...answer, errcode: -5, errmsg: "gettoken answered without access_token" }
            : answer,
        ),
      };
    const lifetimeMs = Number(answer.body?.expires_in ?? 7200) * 1000;
    // Refresh a little early (a tenth of the lifetime, at most 5 minutes) so a token never expires in flight.
    const expiresAt = Date.now() + lifetimeMs - Math.min(300_000, lifetimeMs / 10);
    this.tokens.set(this.key(baseUrl, app.corpId, app.secret), { token, expiresAt });
    return { token };
  }
}

// Shared by every bundle of the process (see defaultRobotLimiter) and, through the database, by
// every instance, so a token is fetched once.
const g = globalThis as unknown as { __wecomTokens?: WecomTokenCache };
export const defaultWecomTokens = (g.__wecomTokens ??= new WecomTokenCache({ shared: true }));

function appBody(app: WecomAppTarget, payload: WecomPayload): Record<string, unknown> {
  return {
    touser: app.toUser ?? "",
    toparty: app.toParty ?? "",
    totag: app.toTag ?? "",
    ...payload,
    agentid: app.agentId,
    safe: 0,
    enable_duplicate_check: 0,
  };
}

/**
 * Sends one message through the application API. A rejected token (40014/42001, e.g. invalidated
 * early) is refreshed once and the message sent again. `sends` counts message/send calls.
 */
export async function postWecomAppMessage(
  app: WecomAppTarget,
  payload: WecomPayload,
  baseUrl: string,
  opts: WecomAppOptions = {},
): Promise<RobotAnswer & { sends: number }> {
  const tokens = opts.tokens ?? defaultWecomTokens;
  let sends = 0;
  for (let round = 0; round < 2; round++) {
    const got = await tokens.get(baseUrl, app, opts);
    if ("failure" in got) return { ...got.failure, sends };
    sends++;
    const url = `${baseUrl}/cgi-bin/message/send?access_token=${encodeURIComponent(got.token)}`;
    const answer = toRobotAnswer(
      "wecom_app",
      await requestJson(url, { method: "POST", body: appBody(app, payload), timeoutMs: opts.timeoutMs }),
    );
    if (!TOKEN_EXPIRED.includes(answer.errcode) || round === 1) return { ...answer, sends };
    tokens.invalidate(baseUrl, app);
  }
  throw new Error("unreachable");
}
