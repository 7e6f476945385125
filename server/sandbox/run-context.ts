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
};

export type LimitName = "timeout" | "memory" | "output" | "network_calls";

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

/** Collects log lines under a byte cap and masks every secret value read during the run. */
export class RunOutput {
  private lines: string[] = [];
  private bytes = 0;
  truncated = false;
  private secrets = new Set<string>();

  constructor(
    private readonly maxBytes: number,
    private readonly timezone: string,
  ) {}

  addSecret(value: string | null | undefined): void {
    if (typeof value !== "string" || value.length === 0) return;
    this.secrets.add(value);
    // The JSON-escaped form appears when an object holding the secret is logged.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.secrets.add(escaped);
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("******");
    return out;
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
