import http from "node:http";
import https from "node:https";
import { env } from "../env";

/**
 * The client's address for throttling. `next start` fills X-Forwarded-For from the socket only
 * when the request has none (`??=`), so a client talking to the server directly picks its own
 * X-Forwarded-For. The server therefore stamps every request with the socket's address under a
 * header of its own (overwriting any copy the client sent), and TRUST_PROXY says how many proxies
 * in front of it may be believed.
 */
export const SOCKET_ADDRESS_HEADER = "x-platform-socket-address";

const g = globalThis as unknown as { __socketStampInstalled?: boolean };

/**
 * Stamps the socket address on every HTTP(S) request this process serves (called once from
 * instrumentation.ts, before Next serves a request). Next gives route handlers no socket, and its
 * server is not ours to wrap, so the stamp is taken where Node hands the request to the server.
 */
export function installSocketAddressStamp(): void {
  if (g.__socketStampInstalled) return;
  g.__socketStampInstalled = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as {
    emit: typeof http.Server.prototype.emit;
  }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[SOCKET_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}

/** Hops of X-Forwarded-For to believe: TRUST_PROXY (0 = none, the default). */
function trustedHops(): number {
  return env.TRUST_PROXY;
}

/**
 * - TRUST_PROXY=0 (default): the socket's address; X-Forwarded-For is ignored.
 * - TRUST_PROXY=N: the chain is X-Forwarded-For's entries followed by the socket's address; the
 *   last N are the trusted proxies, so the client is the one just before them. Entries a client
 *   adds in front of it are never reached.
 * Without the stamp (a process that did not install it, e.g. a test calling a handler directly)
 * the private header is not trusted: the right-most X-Forwarded-For entry is used.
 */
export function clientAddress(req: Request): string {
  const xff = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const socket = g.__socketStampInstalled ? req.headers.get(SOCKET_ADDRESS_HEADER) || null : null;
  if (socket === null) return (xff.pop() || req.headers.get("x-real-ip") || "unknown").slice(0, 100);
  const hops = trustedHops();
  if (hops === 0) return socket.slice(0, 100);
  const chain = [...xff, socket];
  return (chain[Math.max(0, chain.length - 1 - hops)] ?? socket).slice(0, 100);
}
