import { BlockList, isIP } from "node:net";
import { env } from "../env";

// Addresses outbound requests must not reach unless the allowlist names them: loopback, private,
// link-local (cloud metadata), CGNAT, multicast, reserved. IPv4-mapped IPv6 is unwrapped first.
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const BLOCKED_V6: [string, number][] = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96], // NAT64 can reach any IPv4, private ones included
];

const blocked = new BlockList();
for (const [a, p] of BLOCKED_V4) blocked.addSubnet(a, p, "ipv4");
for (const [a, p] of BLOCKED_V6) blocked.addSubnet(a, p, "ipv6");

/** "::ffff:127.0.0.1" / "::ffff:7f00:1" → "127.0.0.1"; anything else unchanged (lower-cased). */
export function normalizeAddress(address: string): string {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "");
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return a;
}

export function isBlockedAddress(address: string): boolean {
  const a = normalizeAddress(address);
  const family = isIP(a);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(a, family === 4 ? "ipv4" : "ipv6");
}

type Allowlist = { hosts: Set<string>; nets: BlockList };
let cachedAllowlist: { source: string; list: Allowlist } | undefined;

/** OUTBOUND_ALLOWLIST entries: host names (exact), IP addresses, or CIDRs. */
export function allowlist(): Allowlist {
  const entries = env.OUTBOUND_ALLOWLIST;
  const source = entries.join(",");
  if (cachedAllowlist?.source === source) return cachedAllowlist.list;
  const list: Allowlist = { hosts: new Set(), nets: new BlockList() };
  for (const raw of entries) {
    const entry = raw.toLowerCase();
    const [addr, bits] = entry.split("/");
    const ip = normalizeAddress(addr!);
    const family = isIP(ip);
    if (family === 0) {
      list.hosts.add(entry);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.nets.addAddress(ip, type);
    else list.nets.addSubnet(ip, Number(bits), type);
  }
  cachedAllowlist = { source, list };
  return list;
}

export function isAllowlisted(hostname: string, address?: string): boolean {
  const list = allowlist();
  if (list.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ""))) return true;
  if (address === undefined) return false;
  const a = normalizeAddress(address);
  const family = isIP(a);
  return family !== 0 && list.nets.check(a, family === 4 ? "ipv4" : "ipv6");
}
