import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// Plumbing shared by the strict robot fakes: a real HTTP server on 127.0.0.1, a record of every
// request, forced failures for retry tests and a sliding-window rate limit.

export type ReceivedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as sent. */
  raw: string;
  /** The parsed JSON body, or undefined. */
  body: unknown;
  /** Arrival time (ms). */
  at: number;
  /** What the fake answered (errcode 0 = accepted; -1 with `status` for a forced HTTP failure). */
  errcode: number;
  errmsg: string;
  status: number;
};

export type ForcedFailure = {
  /** HTTP status to answer with (e.g. 502); default 200 with the errcode below. */
  status?: number;
  errcode?: number;
  errmsg?: string;
  /** Wait before answering (longer than the client's timeout simulates a timeout). */
  delayMs?: number;
};

export type Reply = { status?: number; body: Record<string, unknown> };

export type Handler = (req: IncomingMessage, raw: string, url: URL) => Reply | Promise<Reply>;

export class FailureQueue {
  private queue: (ForcedFailure | undefined)[] = [];
  /** The next `n` requests (after `skip` normal ones) fail as described. */
  failNext(n: number, failure: ForcedFailure = { status: 502 }, skip = 0): void {
    for (let i = 0; i < skip; i++) this.queue.push(undefined);
    for (let i = 0; i < n; i++) this.queue.push(failure);
  }
  take(): ForcedFailure | undefined {
    return this.queue.shift();
  }
  clear(): void {
    this.queue = [];
  }
}

/** At most `max` hits per rolling `windowMs`; exceeding it locks the key for `lockMs`. */
export class SlidingWindow {
  private hits = new Map<string, number[]>();
  private lockedUntil = new Map<string, number>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
    readonly lockMs: number,
  ) {}

  /** Records a hit; false when the key is over the limit (or locked). */
  hit(key: string, now = Date.now()): boolean {
    if ((this.lockedUntil.get(key) ?? 0) > now) return false;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      if (this.lockMs > 0) this.lockedUntil.set(key, now + this.lockMs);
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  reset(): void {
    this.hits.clear();
    this.lockedUntil.clear();
  }
}

export type RunningServer = {
  server: Server;
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
};

export async function startFakeServer(
  handler: Handler,
  failures: FailureQueue,
  port = 0,
): Promise<RunningServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const record: ReceivedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        raw,
        body,
        at: Date.now(),
        errcode: 0,
        errmsg: "",
        status: 200,
      };
      // The demo console reads what the fakes received.
      if (url.pathname === "/_fake/received") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(received.slice(-200)));
        return;
      }
      received.push(record);
      let reply: Reply;
      const forced = failures.take();
      if (forced) {
        if (forced.delayMs) await new Promise((r) => setTimeout(r, forced.delayMs));
        reply = {
          status: forced.status ?? 200,
          body: {
            errcode: forced.errcode ?? -1,
            errmsg: forced.errmsg ?? (forced.status ? "forced failure" : "system busy"),
          },
        };
      } else {
        try {
          reply = await handler(req, raw, url);
        } catch (err) {
          reply = { status: 500, body: { errcode: -1, errmsg: `fake crashed: ${(err as Error).message}` } };
        }
      }
      record.status = reply.status ?? 200;
      record.errcode = typeof reply.body.errcode === "number" ? reply.body.errcode : -1;
      record.errmsg = typeof reply.body.errmsg === "string" ? reply.body.errmsg : "";
      if (res.destroyed) return;
      res.writeHead(record.status, { "Content-Type": "application/json;charset=utf-8" });
      res.end(record.status >= 500 && forced ? "<html>Bad Gateway</html>" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${actual}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
export const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);
export const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");
