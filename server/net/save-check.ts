import dns from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../errors";
import { blockedRange, isAllowlisted } from "./ip-policy";

// The SSRF guard at save time: a webhook, alert or channel URL (or a data-source host) that points
// at an internal address is refused when it is saved, naming the field, not only when it is used.
// At use the outbound client checks again (DNS answers change), so this is the early, friendly wall.
//
// - A literal internal IP is refused (any spelling the URL parser accepts: it canonicalises them).
// - Names that are internal by definition are refused: single labels ("redis", resolved through
//   search domains), localhost, *.localhost, *.local, *.internal, *.lan, *.home.arpa, *.intranet.
// - A name is resolved (3 s cap); if ANY address is internal it is refused. A name that does not
//   resolve now is accepted (DNS may be down, or the name not yet published); use checks it again.
// - OUTBOUND_ALLOWLIST (host names, IPs, CIDRs) lets an operator permit an internal target.

const SPECIAL_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"];
const LOOKUP_TIMEOUT_MS = 3000;

function refuse(field: string, host: string, why: string): never {
  throw new AppError("INTERNAL_ADDRESS", { host, why }, { field });
}

async function lookupAll(host: string): Promise<string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      dns.lookup(host, { all: true, verbatim: true }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS);
      }),
    ]);
    return found ? found.map((a) => a.address) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ranges a database may legitimately live in. Data sources are registered by platform admins and
 * business databases sit on private networks (the demo source on loopback), so for them only the
 * ranges no database lives in are refused: link-local (cloud metadata), multicast, broadcast,
 * unspecified, reserved, and the embedding forms refused outright.
 */
const DATABASE_RANGES = new Set(["loopback", "private", "uniqueLocal", "carrierGradeNat"]);

function rangeRefused(range: string | null, privateAllowed: boolean): boolean {
  if (range === null) return false;
  if (!privateAllowed) return true;
  const inner = range.includes(":") ? range.split(":").pop()! : range;
  return !DATABASE_RANGES.has(inner);
}

/**
 * Refuses a host (name or IP literal, brackets allowed) that is or resolves to an internal
 * address. `privateAllowed` (data sources): loopback/private hosts pass, metadata and the like not.
 */
export async function assertHostAllowedAtSave(
  rawHost: string,
  field: string,
  opts: { privateAllowed?: boolean } = {},
): Promise<void> {
  const privateAllowed = opts.privateAllowed ?? false;
  const host = rawHost
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (isAllowlisted(host)) return;
  if (isIP(host) || blockedRange(host) !== "invalid") {
    const range = blockedRange(host);
    if (rangeRefused(range, privateAllowed) && !isAllowlisted(host, host)) refuse(field, host, `，${range}`);
    return;
  }
  const internalName =
    host === "" ||
    !host.includes(".") ||
    host === "localhost" ||
    SPECIAL_SUFFIXES.some((s) => host.endsWith(s));
  if (internalName && !privateAllowed) refuse(field, host, "，内部域名 internal name");
  const addresses = await lookupAll(host);
  for (const address of addresses ?? []) {
    const range = blockedRange(address);
    if (rangeRefused(range, privateAllowed) && !isAllowlisted(host, address))
      refuse(field, host, ` → ${address}，${range}`);
  }
}

/** The data-source form of the check: the DSN's host, private networks allowed (see above). */
export async function assertDsnHostAllowedAtSave(dsn: string, field = "dsn"): Promise<void> {
  let host: string;
  try {
    host = new URL(dsn).hostname;
  } catch {
    return; // the DSN's own validation names the problem
  }
  await assertHostAllowedAtSave(host, field, { privateAllowed: true });
}

/** The same check for a URL field; a URL that does not parse is refused naming the field. */
export async function assertUrlAllowedAtSave(url: string, field: string): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError("URL_INVALID", {}, { field });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new AppError("URL_NOT_HTTP", {}, { field });
  await assertHostAllowedAtSave(u.hostname, field);
}
