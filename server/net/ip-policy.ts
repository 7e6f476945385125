import ipaddr from "ipaddr.js";
import { env } from "../env";

// Which addresses outbound requests may reach, on ipaddr.js's range table (RFC 6890 and friends)
// instead of a hand-kept list. Only globally routable unicast passes; everything else is refused
// unless OUTBOUND_ALLOWLIST names it: loopback, private (RFC 1918), link-local (cloud metadata),
// CGNAT, multicast, broadcast, reserved/documentation/benchmarking, unspecified, IPv6 unique-local,
// site-local, discard, ORCHID, segment routing... IPv6 forms that embed an IPv4 address are judged
// by the address they embed (IPv4-mapped, SIIT ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96, 6to4);
// forms whose embedded target cannot be trusted are refused outright (IPv4-compatible ::a.b.c.d,
// Teredo, local-use NAT64 64:ff9b:1::/48).

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

function parse(address: string): Addr | null {
  const a = address.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(a)) return null;
  try {
    return ipaddr.parse(a);
  } catch {
    return null;
  }
}

function v4FromWords(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
}

/** The IPv4 address an IPv6 address stands for, when it embeds one we can judge. */
function embeddedV4(a: ipaddr.IPv6): ipaddr.IPv4 | "refuse" | null {
  const w = a.parts;
  switch (a.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
    case "rfc6145": // ::ffff:0:a.b.c.d
      return v4FromWords(w[6]!, w[7]!);
    case "rfc6052": // 64:ff9b::a.b.c.d (well-known NAT64); 64:ff9b:1::/48 is local-use: refuse
      return w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0 ? v4FromWords(w[6]!, w[7]!) : "refuse";
    case "6to4": // 2002:AABB:CCDD::/48
      return v4FromWords(w[1]!, w[2]!);
    case "teredo":
      return "refuse";
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291): no legitimate use left.
      if (w.slice(0, 6).every((x) => x === 0)) return "refuse";
      return null;
  }
}

/** The ipaddr.js range name that makes this address internal, or null when it is public unicast. */
export function blockedRange(address: string): string | null {
  const a = parse(address);
  if (!a) return "invalid"; // not an address at all: refuse rather than guess
  if (a.kind() === "ipv4") {
    const range = a.range();
    return range === "unicast" ? null : range;
  }
  const v6 = a as ipaddr.IPv6;
  const inner = embeddedV4(v6);
  if (inner === "refuse") return v6.range() === "unicast" ? "ipv4Compatible" : v6.range();
  if (inner) {
    const range = inner.range();
    return range === "unicast" ? null : `${v6.range()}:${range}`;
  }
  const range = v6.range();
  return range === "unicast" ? null : range;
}

export function isBlockedAddress(address: string): boolean {
  return blockedRange(address) !== null;
}

type Allowlist = { hosts: Set<string>; nets: [Addr, number][] };
let cachedAllowlist: { source: string; list: Allowlist } | undefined;

/** OUTBOUND_ALLOWLIST entries: host names (exact), IP addresses, or CIDRs. */
export function allowlist(): Allowlist {
  const entries = env.OUTBOUND_ALLOWLIST;
  const source = entries.join(",");
  if (cachedAllowlist?.source === source) return cachedAllowlist.list;
  const list: Allowlist = { hosts: new Set(), nets: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const [addr, bits] = entry.split("/");
    const ip = parse(addr!);
    if (!ip) {
      list.hosts.add(entry);
      continue;
    }
    const width = ip.kind() === "ipv4" ? 32 : 128;
    const n = bits === undefined ? width : Number(bits);
    if (!Number.isInteger(n) || n < 0 || n > width) continue;
    list.nets.push([ip, n]);
  }
  cachedAllowlist = { source, list };
  return list;
}

/** Both spellings of an address: itself and, for IPv4-mapped IPv6, its IPv4 form. */
function forms(a: Addr): Addr[] {
  if (a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress())
    return [a, (a as ipaddr.IPv6).toIPv4Address()];
  if (a.kind() === "ipv4") return [a, (a as ipaddr.IPv4).toIPv4MappedAddress()];
  return [a];
}

export function isAllowlisted(hostname: string, address?: string): boolean {
  const list = allowlist();
  if (list.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ""))) return true;
  if (address === undefined) return false;
  const a = parse(address);
  if (!a) return false;
  for (const f of forms(a))
    for (const [net, bits] of list.nets)
      if (f.kind() === net.kind() && f.match(net as never, bits)) return true;
  return false;
}
