import { randomUUID } from "node:crypto";
import { BACKGROUND, INTERACTIVE } from "../limits";
import { CpuHold } from "../limits/cpu";
import { AppError } from "../errors";
import { INVALID_RESULT_PREFIX } from "@/lib/result-error";
import { parseMessageResult, type TMessageResult } from "../notify/message-schema";
import { maskRunResult } from "./host-call";
import {
  CANCELLED_MESSAGE,
  DEFAULT_LIMITS,
  RunOutput,
  type LimitName,
  type RunContext,
  type SandboxLimits,
} from "./run-context";
import type { RunScriptInput, RunScriptResult } from "./script-types";

// Building a DateTimeFormat to check a zone costs ~0.1 ms, a tenth of a pooled run: zones seen
// valid are remembered (bounded: Intl also accepts any casing of a name).
const validZones = new Set<string>();

function isValidTimezone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    return false;
  }
  if (validZones.size < 1000) validZones.add(tz);
  return true;
}

/** What every script runner (JavaScript, Python) needs before its sandbox exists. */
export type RunSetup = {
  ctx: RunContext;
  limits: SandboxLimits;
  /** Aborted when the run ends (timeout, cancel, done): host calls still waiting give up. */
  abort: AbortController;
  /** The error of a run whose timezone is not an IANA zone (the run fails with it), else null. */
  timezoneError: string | null;
  /** The run's answer, masked: the single exit of a sandboxed run. */
  finish(
    ok: boolean,
    result: TMessageResult | null,
    error: string | null,
    limit: LimitName | null,
  ): RunScriptResult;
  /** The answer of a run whose script returned `value`: validated as a message, or failed naming the field. */
  succeed(value: unknown): RunScriptResult;
  /** The answer of a run ended by its cancel signal. */
  cancelled(): RunScriptResult;
};

/** The run's limits, timezone, context (host-call state, CPU hold, output) and answer. */
export function setUpRun(input: RunScriptInput): RunSetup {
  const started = performance.now();
  const limits: SandboxLimits = {
    ...DEFAULT_LIMITS,
    ...input.limits,
    ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
    ...(input.memoryMb !== undefined ? { memoryMb: input.memoryMb } : {}),
  };
  const requestedTz = input.timezone || "Asia/Shanghai";
  const timezone = isValidTimezone(requestedTz) ? requestedTz : "UTC";
  const abort = new AbortController();
  const ctx: RunContext = {
    taskId: input.taskId,
    tenantId: input.tenantId,
    traceId: input.traceId ?? randomUUID(),
    params:
      input.params && typeof input.params === "object" && !Array.isArray(input.params) ? input.params : {},
    timezone,
    mode: input.mode ?? "run",
    limits,
    signal: abort.signal,
    output: new RunOutput(limits.outputBytes, timezone),
    localVars: new Map(),
    networkCalls: 0,
    limitHit: null,
    cpu: new CpuHold(
      input.tenantId,
      input.priority ?? (input.mode === "test" ? INTERACTIVE : BACKGROUND),
      input.signal ? AbortSignal.any([abort.signal, input.signal]) : abort.signal,
    ),
  };
  input.onOutput?.(() => ctx.output.text());

  const finish: RunSetup["finish"] = (ok, result, error, limit) =>
    maskRunResult(ctx.output, {
      success: ok,
      result: ok ? result : null,
      output: ctx.output.text(),
      error,
      duration_ms: Math.round(performance.now() - started),
      limit: limit ?? (ctx.output.truncated ? "output" : null),
    });
  return {
    ctx,
    limits,
    abort,
    timezoneError: timezone === requestedTz ? null : `无效的时区：${requestedTz}`,
    finish,
    succeed: (value) => {
      try {
        return finish(true, parseMessageResult(value), null, null);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // The stored form the console words back (lib/result-error.ts).
        return finish(
          false,
          null,
          `${INVALID_RESULT_PREFIX}${String(err.params.summary ?? err.message)}`,
          null,
        );
      }
    },
    cancelled: () => ({ ...finish(false, null, CANCELLED_MESSAGE, null), cancelled: true }),
  };
}
