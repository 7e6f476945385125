import { afterEach, describe, expect, it } from "vitest";
import { run } from "./helpers";

// Each attempt must leave the script without Node's `process` (it reports what it reached) and
// must not change the host. Payloads follow vm2's published advisories, adapted to this bridge.

const reached = async (script: string) => {
  const r = await run(script, { params: { a: 1 } });
  return r;
};

afterEach(() => {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(typeof (globalThis as Record<string, unknown>).pwned).toBe("undefined");
});

describe("sandbox escapes", () => {
  it("has no process, require, module loader or bridge globals", async () => {
    const r = await reached(`
      const seen = [typeof process, typeof require, typeof module, typeof Buffer, typeof __sdk_sync, typeof __sdk_async,
        typeof __sdk_config, typeof __sdk_drive, typeof setTimeout, typeof fetch]
      let imported = 'no'
      try { await import('node:fs'); imported = 'yes' } catch (e) { imported = 'refused' }
      return json.dumps({ seen, imported })`);
    expect(r.error).toBeNull();
    expect(JSON.parse((r.result as { content: string }).content)).toEqual({
      seen: Array(10).fill("undefined"),
      imported: "refused",
    });
  });

  it("Function constructors reach only the isolate's own global", async () => {
    const r = await reached(`
      const out = []
      for (const make of [
        () => globalThis.constructor.constructor('return process')(),
        () => this.constructor.constructor('return process')(),
        () => log.constructor('return process')(),
        () => get_params.constructor.constructor('return this.process')(),
        () => { const p = (async () => {}).constructor('return process')(); p.catch(() => {}); return 'promise' },
        () => (function* () {}).constructor('return process')().next(),
      ]) {
        try { const p = make(); out.push(p && typeof p === 'object' && 'value' in p ? typeof p.value : typeof p) } catch (e) { out.push(e.name) }
      }
      return json.dumps(out)`);
    expect(r.error).toBeNull();
    const out = JSON.parse((r.result as { content: string }).content) as string[];
    expect(out).toHaveLength(6);
    for (const o of out) expect(["ReferenceError", "undefined", "string"]).toContain(o); // "string": the async one, whose rejection stays inside
  });

  it("prototype pollution through SDK return values stays inside the isolate", async () => {
    const r = await reached(`
      const p = get_params()
      p.__proto__.polluted = 'yes'
      p.constructor.prototype.polluted2 = 'yes'
      Object.prototype.polluted3 = 'yes'
      const t = get_tenants()
      t.__proto__.__proto__.polluted4 = 'yes'
      Array.prototype.push = function () { throw new Error('hijacked') }
      JSON.parse = () => ({ v: 'forged' })
      JSON.stringify = () => '["forged"]'
      return hashlib.md5('abc') + ' ' + get_param('a')`);
    expect(r.error).toBeNull();
    expect(r.result).toMatchObject({ content: "900150983cd24fb0d6963f7d28e17f72 1" });
  });

  it("Error.prepareStackTrace and CallSite objects expose no host frames or functions", async () => {
    const r = await reached(`
      const found = []
      Error.prepareStackTrace = (err, frames) => {
        for (const f of frames) {
          for (const x of [f.getThis(), f.getFunction()]) {
            try { if (x && typeof x.constructor.constructor('return typeof process')() !== 'undefined' && typeof x.constructor.constructor('return process')() !== 'undefined') found.push('process') } catch (e) {}
          }
          found.push(String(f.getFileName()))
        }
        return 'custom'
      }
      try { get_secret(42) } catch (e) { e.stack }
      try { base64.b64decode('%') } catch (e) { e.stack }
      try { null.x } catch (e) { e.stack }
      Error.prepareStackTrace = undefined
      return json.dumps(found)`);
    const found = JSON.parse((r.result as { content: string }).content) as string[];
    expect(found).not.toContain("process");
    for (const f of found) expect(["script.js", "sdk-prelude.js", "undefined", "null"]).toContain(f);
  });

  it("Symbol.species / Promise tricks (vm2 CVE-2023-37466) reach nothing", async () => {
    const r = await reached(`
      let leaked = 'none'
      async function fn() { throw new Error('x') }
      const p = fn()
      p.constructor = { [Symbol.species]: class FakePromise { constructor(executor) { executor(() => {}, (err) => { try { leaked = typeof err.constructor.constructor('return process')() } catch (e) { leaked = e.name } }) } } }
      try { p.then() } catch (e) {}
      await Promise.resolve()
      return leaked`);
    expect(["none", "ReferenceError", "undefined"]).toContain(
      (r.result as { content: string } | null)?.content ?? "none",
    );
  });

  it("Proxy and custom-inspect objects as log values or result are handled inside the isolate", async () => {
    const r = await reached(`
      const trap = new Proxy({}, { get(t, k) { if (k === 'toJSON') return () => { globalThis.pwned = 1; return 'p' }; return undefined }, ownKeys() { throw new Error('no keys') } })
      const custom = { [Symbol.for('nodejs.util.inspect.custom')]: () => process, toString() { return 'custom' } }
      log(trap, custom)
      const err = new Error()
      err.name = { toString: new Proxy(() => '', { apply(target, self, args) { return typeof args.constructor.constructor('return process')() } }) }
      try { throw err } catch (e) {}
      result = trap`);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ content: "p" });
    expect(r.output).toContain('] "p" {}');
  });

  it("Atomics.wait cannot hold the run past its time limit", async () => {
    const r = await run("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)", {
      timeoutSeconds: 1,
    });
    expect(r.success).toBe(false);
    expect(r.duration_ms).toBeLessThan(3000);
  });

  it("calling the bridge with forged names or payloads is refused", async () => {
    const r = await reached(`
      const names = Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith('__sdk'))
      return json.dumps(names)`);
    expect(r.result).toMatchObject({ content: "[]" });
  });
});
