import { afterAll, describe, expect, it } from "vitest";
import { drainJsPool, jsPoolStats, prewarmJs } from "@/server/sandbox/js-pool";
import { run } from "./helpers";

// Isolates prepared ahead of runs (server/sandbox/js-pool.ts) serve one run each: nothing a run
// leaves behind (globals, prototype changes, its tenant) is seen by the next run, whichever
// tenant that is, and the sandbox's restrictions hold in a pooled isolate as in a fresh one.

async function poolHolds(n: number): Promise<void> {
  prewarmJs(n);
  const until = Date.now() + 10_000;
  while (jsPoolStats().ready < n) {
    if (Date.now() > until) throw new Error(`the pool never held ${n} isolates`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs `fn` and says how many of the runs it made took a pooled isolate. */
async function pooledRuns<T>(fn: () => Promise<T>): Promise<{ value: T; pooled: number }> {
  const before = jsPoolStats().servedWarm;
  const value = await fn();
  return { value, pooled: jsPoolStats().servedWarm - before };
}

const content = (r: Awaited<ReturnType<typeof run>>) => {
  expect(r.error).toBeNull();
  return JSON.parse((r.result as { content: string }).content) as Record<string, unknown>;
};

afterAll(() => drainJsPool({ reopen: true }));

describe("pooled JavaScript isolates", () => {
  it("serve one run each: what run 1 leaves is not visible to run 2 of another tenant", async () => {
    await poolHolds(2);
    const { value, pooled } = await pooledRuns(async () => {
      const first = await run(
        `globalThis.leak = tenant_id; var declared = trace_id; Object.prototype.polluted = tenant_id;
         Array.prototype.push = function () { return 'hijacked' }; json.dumps = () => 'hijacked';
         dayjs.tz.setDefault('America/New_York');
         return json.dumps({ tenant: tenant_id, trace: trace_id })`,
        { tenantId: "tenant-a", traceId: "trace-a" },
      );
      await poolHolds(1);
      const second = await run(
        `const a = []; a.push(1);
         return JSON.stringify({ tenant: tenant_id, trace: trace_id, leak: typeof leak, declared: typeof declared,
           polluted: ({}).polluted === undefined, push: a.length, dumps: json.dumps({ x: 1 }),
           zone: dayjs('2026-01-01 12:00:00').format('Z') })`,
        { tenantId: "tenant-b", traceId: "trace-b", timezone: "Asia/Tokyo" },
      );
      return [content(first), content(second)];
    });
    expect(pooled).toBe(2);
    expect(value[0]).toEqual({ tenant: "tenant-a", trace: "trace-a" });
    expect(value[1]).toEqual({
      tenant: "tenant-b",
      trace: "trace-b",
      leak: "undefined",
      declared: "undefined",
      polluted: true,
      push: 1,
      dumps: '{"x":1}',
      zone: "+09:00",
    });
  });

  it("runs of two tenants at once each see only their own values and host calls", async () => {
    await poolHolds(6);
    const { value, pooled } = await pooledRuns(() =>
      Promise.all(
        ["a", "b", "a", "b", "a", "b"].map((t, i) =>
          run(
            `globalThis.mine = (globalThis.mine || 0) + 1; log('run ${i}');
             return JSON.stringify({ tenant: tenant_id, param: get_param('n'), mine: globalThis.mine })`,
            { tenantId: `tenant-${t}`, params: { n: i } },
          ),
        ),
      ),
    );
    expect(pooled).toBeGreaterThanOrEqual(4);
    value.forEach((r, i) => {
      expect(content(r)).toEqual({ tenant: `tenant-${i % 2 ? "b" : "a"}`, param: i, mine: 1 });
      expect(r.output).toMatch(new RegExp(`run ${i}$`));
      expect(r.output).not.toMatch(new RegExp(`run (?!${i}$)`));
    });
  });

  it("keep the sandbox's restrictions: no WebAssembly, no resizable buffers, no bridge globals", async () => {
    await poolHolds(1);
    const { value, pooled } = await pooledRuns(() =>
      run(`return JSON.stringify({
        wasm: typeof WebAssembly, resize: typeof ArrayBuffer.prototype.resize,
        transfer: typeof ArrayBuffer.prototype.transfer, grow: typeof SharedArrayBuffer.prototype.grow,
        bridge: Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith('__sdk')) })`),
    );
    expect(pooled).toBe(1);
    const v = content(value);
    expect(v).toMatchObject({
      wasm: "undefined",
      resize: "undefined",
      transfer: "undefined",
      grow: "undefined",
    });
    expect(v.bridge).toEqual([]);
  });

  it("a run with its own memory limit builds its own isolate, and the limit holds", async () => {
    await poolHolds(1);
    const { value, pooled } = await pooledRuns(() =>
      run("const a = []; while (true) a.push(new Array(100000).fill('x'))", { memoryMb: 32 }),
    );
    expect(pooled).toBe(0);
    expect(value.limit).toBe("memory");
    expect(value.error).toContain("32 MB");
  });
});
