import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limiters, resetLimiters } from "@/server/limits";
import { pythonSnapshot } from "@/server/sandbox/python/pool";
import type { RunScriptResult } from "@/server/sandbox/run-script";
import { localServer, run, setEnv } from "../sandbox/helpers";

// A run waiting in a host call gives back its CPU slot but keeps its isolate. A hostile tenant
// allocates ~100 MB, then waits on a slow server, many times over: without a budget that is
// (runs in flight) × memoryLimit. Each variant below holds memory in a different way (typed
// arrays, strings, objects, Python's WebAssembly heap, the Python isolate's JS heap) and waits in a
// different host call (http_get, sleep, db_query).

const MB = 1024 * 1024;
const SLOW_MS = 3000;

let slow: Awaited<ReturnType<typeof localServer>>;

beforeAll(async () => {
  setEnv({ CPU_SLOTS: "2", CPU_SLOTS_PER_TENANT: "1", OUTBOUND_ALLOWLIST: "127.0.0.1" });
  resetLimiters();
  slow = await localServer((_req, res) => {
    setTimeout(() => res.end("late"), SLOW_MS);
  });
  await pythonSnapshot();
}, 120_000);

afterAll(async () => {
  setEnv({ CPU_SLOTS: undefined, CPU_SLOTS_PER_TENANT: undefined, OUTBOUND_ALLOWLIST: "" });
  resetLimiters();
  await slow.close();
});

const refused = (r: RunScriptResult) => !r.success && r.limit === "parked_memory";

describe("memory held by runs waiting in host calls", () => {
  it("20 hostile runs of one tenant keep RSS under 1 GB; the runs over its budget end failed; other tenants' runs succeed", async () => {
    const url = `${slow.url}/slow`;
    const js = [
      // typed arrays, then a slow HTTP server
      `const keep = new Uint8Array(100 * 1024 * 1024).fill(1); http_get('${url}'); return { content: String(keep[5]) }`,
      // strings in the V8 heap, then sleep
      `const keep = []; for (let i = 0; i < 90; i++) keep.push(String(i).padEnd(1024 * 1024, 'x')); time.sleep(${SLOW_MS / 1000}); return { content: String(keep.length) }`,
      // many ArrayBuffers, then db_query (no source: it answers at once, but the run parks first)
      `const keep = []; for (let i = 0; i < 25; i++) keep.push(new ArrayBuffer(4 * 1024 * 1024)); try { db_query('SELECT 1') } catch (e) {} http_get('${url}'); return { content: String(keep.length) }`,
      // catches the refusal and keeps computing: it must still end, not run on
      `const keep = new Float64Array(12 * 1024 * 1024).fill(2); try { http_get('${url}') } catch (e) {} for (;;) {}`,
    ];
    const py = [
      // Python's own heap (WebAssembly memory, outside the isolate's counters)
      `b = bytearray(80 * 1024 * 1024)\nhttp_get('${url}')\nresult = str(len(b))`,
      // the Python isolate's JavaScript heap
      `import js\nkeep = js.Uint8Array.new(30 * 1024 * 1024)\nb = bytearray(60 * 1024 * 1024)\nhttp_get('${url}')\nresult = str(keep.length)`,
    ];
    const hostile = Array.from({ length: 20 }, (_, i) =>
      i % 5 === 4
        ? { script: py[Math.floor(i / 5) % py.length]!, language: "python" as const }
        : { script: js[i % 4]!, language: "javascript" as const },
    );

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const before = process.memoryUsage().rss;
    let hostileResults: RunScriptResult[];
    let bystanders: RunScriptResult[];
    try {
      const hostileRuns = Promise.all(
        hostile.map((h) =>
          run(h.script, { language: h.language, tenantId: "hoarder", memoryMb: 128, timeoutSeconds: 30 }),
        ),
      );
      // Another tenant meanwhile: trivial runs, and one that waits in a host call with a small heap.
      await new Promise((r) => setTimeout(r, 500));
      bystanders = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) =>
          run(`return { content: 'ok ${i}' }`, { tenantId: "bystander", timeoutSeconds: 30 }),
        ),
        run(
          `const small = new Uint8Array(2 * 1024 * 1024).fill(1); return { content: http_get('${url}').text }`,
          {
            tenantId: "bystander",
            timeoutSeconds: 30,
          },
        ),
        run(`b = bytearray(4 * 1024 * 1024)\nresult = http_get('${url}')['text']`, {
          language: "python",
          tenantId: "bystander",
          timeoutSeconds: 30,
        }),
      ]);
      hostileResults = await hostileRuns;
    } finally {
      clearInterval(sampler);
    }
    const mb = (n: number) => Math.round(n / MB);
    console.log(
      `RSS before ${mb(before)} MB, peak during 20 hostile parked runs ${mb(peak)} MB; ` +
        `${hostileResults.filter(refused).length} of 20 ended by the parked-memory budget`,
    );

    expect(peak).toBeLessThan(1024 * MB);
    for (const r of bystanders) expect(r, r.error ?? "").toMatchObject({ success: true });
    // The tenant's budget (128 MB) holds one of them at a time; the others are ended,
    // failed, with a message saying why in Chinese and English. None runs on to its timeout.
    for (const r of hostileResults) {
      if (r.success) continue;
      expect(r.limit, r.error ?? "").toBe("parked_memory");
      expect(r.error).toMatch(/超出内存限制：脚本在 \w+\(\) 等待时占用 \d+ MB/);
      expect(r.error).toContain("PARKED_MEMORY");
    }
    expect(hostileResults.filter(refused).length).toBeGreaterThanOrEqual(10);
    // The run that caught the refusal and kept looping ended with it, long before its timeout.
    for (const [i, r] of hostileResults.entries())
      if (i % 5 !== 4 && i % 4 === 3) {
        expect(r).toMatchObject({ success: false });
        expect(r.duration_ms).toBeLessThan(15_000);
      }
    // Nothing stays charged after the runs end.
    expect(limiters().parkedHeap.bytesParked).toBe(0);
  }, 120_000);

  it("small runs waiting in host calls are never refused: a burst of 60 of one tenant all succeed", async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        run(
          `const a = new Uint8Array(256 * 1024).fill(1); time.sleep(0.5); return { content: String(a[0]) }`,
          {
            tenantId: "bursty",
            timeoutSeconds: 30,
          },
        ),
      ),
    );
    for (const r of results)
      expect(r, r.error ?? "").toMatchObject({ success: true, result: { content: "1" } });
  }, 60_000);
});
