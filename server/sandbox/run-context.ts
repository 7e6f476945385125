import type { CpuHold } from "../limits/cpu";
import { domainToASCII } from "node:url";

// "sv-SE" formats as "2026-01-31 08:00:00"; one formatter per timezone (they are costly to build).
const stampFormats = new Map<string, Intl.DateTimeFormat>();
function stamp(timezone: string): string {
  let f = stampFormats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("sv-SE", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    stampFormats.set(timezone, f);
  }
  return f.format(new Date());
}

export type SandboxLimits = {
  timeoutSeconds: number;
  memoryMb: number;
  outputBytes: number;
  networkCalls: number;
  httpTimeoutMs: number;
  httpMaxBytes: number;
  dbTimeoutMs: number;
  dbMaxRows: number;
  /** Bytes of one db_query result held on the host (rows are counted while they stream in). */
  dbMaxBytes: number;
};

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutSeconds: 60,
  memoryMb: 128,
  outputBytes: 64 * 1024,
  networkCalls: 100,
  httpTimeoutMs: 15_000,
  httpMaxBytes: 5 * 1024 * 1024,
  dbTimeoutMs: 5_000,
  dbMaxRows: 1000,
  dbMaxBytes: 4 * 1024 * 1024,
};

/** The error of a run stopped by a cancel (every script runner ends a cancelled run with it). */
export const CANCELLED_MESSAGE = "已取消 (cancelled)";

export type LimitName = "timeout" | "memory" | "output" | "network_calls" | "parked_memory";

/** A limit the script hit; thrown into the script and, even if caught there, fails the run. */
export class LimitError extends Error {
  constructor(
    readonly limit: LimitName,
    message: string,
  ) {
    super(message);
    this.name = "LimitError";
  }
}

/** A failure the script should see as a plain Error with this message (no host stack). */
export class ScriptFacingError extends Error {}

const MASK = "******";

/**
 * The spellings of a secret the platform itself may produce while carrying it: JSON escaping,
 * URL/percent-encoding (both hex cases: the regex is case-insensitive), form encoding, the host
 * name forms the URL parser and DNS errors print (lower-cased, IDNA/punycode), and base64 (HTTP
 * Basic auth headers, data URLs). Case-insensitive matching also covers upper/lower-cased copies.
 * A script that transforms a secret on purpose (reverses it, splits it) is not caught: masking
 * protects readers of runs and messages from accidents; who may read secrets is decided by who
 * may write scripts.
 */
function spellings(value: string): string[] {
  const out = new Set<string>([value, value.toLowerCase(), value.toUpperCase()]);
  out.add(JSON.stringify(value).slice(1, -1));
  out.add(encodeURIComponent(value));
  out.add(encodeURI(value));
  out.add(new URLSearchParams({ v: value }).toString().slice(2));
  try {
    const ascii = domainToASCII(value.toLowerCase());
    if (ascii) out.add(ascii);
  } catch {
    // not a host name
  }
  const b64 = Buffer.from(value, "utf8").toString("base64");
  if (value.length >= 4) {
    out.add(b64);
    out.add(b64.replace(/=+$/, ""));
    out.add(Buffer.from(value, "utf8").toString("base64url"));
  }
  return [...out].filter((s) => s.length > 0);
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/**
 * The ONE masking point for secrets a run has read (get_secret, secret tenant configs): every text
 * and value that leaves the sandbox — log output, error, `result`, messages the script sends —
 * passes through it, whatever the script's language.
 */
export class SecretMasker {
  private secrets = new Set<string>();
  private pattern: RegExp | null = null;

  add(value: string | null | undefined): void {
    if (typeof value !== "string" || value.length === 0 || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.pattern = null;
  }

  get size(): number {
    return this.secrets.size;
  }

  mask(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    if (!this.pattern) {
      const all = new Set<string>();
      for (const s of this.secrets) for (const v of spellings(s)) all.add(v);
      // Longest first, so a secret containing another is masked whole.
      const alternatives = [...all].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alternatives.join("|"), "giu");
    }
    return text.replace(this.pattern, MASK);
  }

  /** A copy of a JSON-like value with every string (keys included) masked. */
  maskDeep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return this.mask(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[this.mask(k)] = walk(x);
        return out;
      }
      return v;
    };
    return walk(value) as T;
  }
}

/** Collects log lines under a byte cap and masks every secret value read during the run. */
export class RunOutput {
  private lines: string[] = [];
  private bytes = 0;
  truncated = false;
  readonly secrets = new SecretMasker();

  constructor(
    private readonly maxBytes: number,
    private readonly timezone: string,
  ) {}

  addSecret(value: string | null | undefined): void {
    this.secrets.add(value);
  }

  mask(text: string): string {
    return this.secrets.mask(text);
  }

  maskDeep<T>(value: T): T {
    return this.secrets.maskDeep(value);
  }

  write(message: string): void {
    if (this.truncated) return;
    const line = `[${stamp(this.timezone)}] ${this.mask(message)}`;
    const size = Buffer.byteLength(line, "utf8") + 1;
    if (this.bytes + size > this.maxBytes) {
      const room = Math.max(0, this.maxBytes - this.bytes - 1);
      if (room > 0)
        this.lines.push(
          Buffer.from(line, "utf8")
            .subarray(0, room)
            .toString("utf8")
            .replace(/\uFFFD$/, ""),
        );
      this.lines.push(`...[输出超过 ${Math.round(this.maxBytes / 1024)} KB 限制，其余内容已截断]`);
      this.truncated = true;
      return;
    }
    this.lines.push(line);
    this.bytes += size;
  }

  text(): string {
    return this.mask(this.lines.join("\n"));
  }
}

export type RunMode = "run" | "test";

/** What a host binding knows about the run it serves. */
export type RunContext = {
  taskId: number | null;
  tenantId: string | null;
  traceId: string;
  params: Record<string, unknown>;
  timezone: string;
  mode: RunMode;
  limits: SandboxLimits;
  signal: AbortSignal;
  output: RunOutput;
  /** Vars of a run without a task (test-script): kept for the run only. */
  localVars: Map<string, unknown>;
  networkCalls: number;
  limitHit: LimitError | null;
  /** The run's CPU slot: released while a host call waits (see server/limits/cpu.ts). */
  cpu?: CpuHold;
  /**
   * Charges what the script holds to its tenant's parked-memory budget while a host call waits
   * (HeapWatch in heap-watch.ts); throws a LimitError, having ended the isolate, when over it.
   */
  heap?: { park(call: string, wasmGrowth: unknown): { release(): void } };
};

/** Counts one network call; the call past the limit fails (and fails the run). */
export function countNetworkCall(ctx: RunContext): void {
  ctx.networkCalls += 1;
  if (ctx.networkCalls > ctx.limits.networkCalls) {
    const err = new LimitError(
      "network_calls",
      `超出网络调用次数限制（每次执行最多 ${ctx.limits.networkCalls} 次）`,
    );
    ctx.limitHit ??= err;
    throw err;
  }
}
