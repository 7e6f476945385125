import type { Priority } from "../limits";
import type { TMessageResult } from "../notify/message-schema";
import type { LimitName, RunMode, SandboxLimits } from "./run-context";

// What runScript (run-script.ts) takes and answers, for every runner (JavaScript, Python).

export type ScriptLanguage = "python" | "javascript";

export type RunScriptInput = {
  script: string;
  /** The task's script_language; JavaScript when omitted (callers from before it existed). */
  language?: ScriptLanguage;
  taskId: number | null;
  tenantId: string | null;
  traceId?: string;
  params?: Record<string, unknown> | null;
  timezone?: string | null;
  timeoutSeconds?: number;
  memoryMb?: number;
  limits?: Partial<SandboxLimits>;
  mode?: RunMode;
  /**
   * Cancels the run: aborting it disposes the isolate at once and the run ends with
   * `cancelled: true`. Every script runner (JavaScript here, Python too) takes this signal.
   */
  signal?: AbortSignal;
  /**
   * Called once when the run starts with a reader of its output so far (masked), so the caller
   * can write the output of a running run as it grows (live output). Every runner supports it.
   */
  onOutput?: (read: () => string) => void;
  /** CPU-slot priority: test runs and manual runs are interactive (default: by mode). */
  priority?: Priority;
};

export type RunScriptResult = {
  success: boolean;
  /** The validated message (normalized: msg_type always set), or null when nothing is to be pushed. */
  result: TMessageResult | null;
  output: string;
  error: string | null;
  duration_ms: number;
  /** Which limit ended or failed the run, if any ("output" only truncates). */
  limit: LimitName | null;
  /** True when the run was ended by `signal` (a cancel), not by the script or a limit. */
  cancelled?: boolean;
  /** A stable code when the platform (not the script) could not run it. */
  code?: "PYTHON_UNAVAILABLE";
};
