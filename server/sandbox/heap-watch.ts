import type ivm from "isolated-vm";
import { isRefusal, limiters, tenantKey, type ParkRefusal, type Parking } from "../limits";
import { LimitError } from "./run-context";

const MB = 1024 * 1024;

/** What an isolate holds: its V8 heap (live objects and garbage not yet collected) and ArrayBuffers. */
function heldBytes(isolate: ivm.Isolate): number {
  // Sync on purpose: the isolate is blocked in applySyncPromise, so the async variant would wait
  // for the host call to end; the sync one reads V8's counters in microseconds.
  const s = isolate.getHeapStatisticsSync();
  return s.used_heap_size + s.externally_allocated_size;
}

function refusalMessage(call: string, r: ParkRefusal): string {
  const held = Math.round(r.bytes / MB);
  const limit = Math.round(r.limitBytes / MB);
  const zh =
    r.budget === "tenant"
      ? `本租户等待中的脚本合计将超过 ${limit} MB`
      : r.budget === "total"
        ? `平台上等待中的脚本合计将超过 ${limit} MB`
        : `服务器内存已超出预算`;
  const en =
    r.budget === "tenant"
      ? `this tenant's waiting runs would hold more than ${limit} MB (RUNS_TENANT_PARKED_HEAP_MB)`
      : r.budget === "total"
        ? `waiting runs would hold more than ${limit} MB in total (RUNS_PARKED_HEAP_MB)`
        : `the server is over its memory budget (RUNS_MEMORY_BUDGET_MB)`;
  return (
    `超出内存限制：脚本在 ${call}() 等待时占用 ${held} MB 内存，${zh}；请先释放不再需要的大数据再调用 ` +
    `(PARKED_MEMORY: the run holds ${held} MB while waiting in ${call}(); ${en})`
  );
}

/**
 * Host-side memory accounting of one run while it waits in host calls (server/limits/parked-heap.ts).
 * The runner creates it once the isolate is ready and before the user's code runs: what the
 * isolate holds then (the SDK, Pyodide) is the platform's, bounded by the run quotas, and is not
 * charged; what the script allocates after is.
 */
export class HeapWatch {
  private readonly key: string;
  private readonly baseline: number;

  /**
   * @param countsWasm the caller passes the growth of its WebAssembly memory with each host call
   *   (Python: Pyodide's memory lives outside the isolate's heap counters). Only the Python driver,
   *   platform code holding the host reference in a closure, can make that call.
   */
  constructor(
    tenantId: string | null,
    private readonly isolate: ivm.Isolate,
    private readonly countsWasm = false,
  ) {
    this.key = tenantKey(tenantId);
    this.baseline = heldBytes(isolate);
  }

  /**
   * Called as the run enters an async host call. Returns the parking to release when it resumes,
   * or, when a budget refuses it, throws the LimitError that fails the run and has the isolate
   * disposed right after (freeing its memory), whatever the script does with the error.
   */
  park(call: string, wasmGrowth: unknown): Parking {
    if (this.isolate.isDisposed) return limiters().parkedHeap.park(this.key, 0) as Parking;
    const wasm =
      this.countsWasm && typeof wasmGrowth === "number" && Number.isFinite(wasmGrowth)
        ? Math.max(0, wasmGrowth)
        : 0;
    const bytes = Math.max(0, heldBytes(this.isolate) - this.baseline) + wasm;
    const parked = limiters().parkedHeap.park(this.key, bytes);
    if (!isRefusal(parked)) return parked;
    // End the run: the refusal goes back into the script, and the isolate is disposed once the
    // script runs again (a dispose while it waits in this host call is sometimes lost by
    // isolated-vm, and a script that caught the error ran on). The run has failed either way.
    const isolate = this.isolate;
    setTimeout(() => {
      if (!isolate.isDisposed) isolate.dispose();
    }, 20);
    throw new LimitError("parked_memory", refusalMessage(call, parked));
  }
}
