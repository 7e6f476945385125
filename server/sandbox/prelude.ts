import { SDK_FUNCTIONS, SDK_MODULES, SDK_VARIABLES, type BindingKind } from "./sdk-definition";

// The JavaScript that runs inside every isolate before the user's script. It is generated from
// the SDK definition: each host callable becomes a global (or module member) that crosses to the
// host through one of two closure-held references, with arguments and results as JSON strings,
// so the script only ever holds copies.
//
// It runs in two steps, so an isolate can be prepared before anyone knows which run it will serve
// (js-pool.ts): the script installs everything that is the same for every run and evaluates to a
// `bind(sync, async, configJson)` function, reachable only by the host (never a global). The host
// calls it once, just before the user's script: it hands in the run's two host-call references and
// the run's values (task_id, tenant_id, trace_id, timezone), and refuses a second call.

/** In-isolate implementations of the callables whose binding is "isolate", by qualified name. */
export const ISOLATE_IMPLS: Record<string, string> = {
  "time.time": "function time() { return Date_now() / 1000; }",
  "json.dumps": `function dumps(value, options) {
    const indent = options && typeof options.indent === "number" ? options.indent : undefined;
    return stringify(value, null, indent);
  }`,
  "json.loads": "function loads(text) { return parse(String(text)); }",
  "random.randint": `function randint(a, b) {
    if (typeof a !== "number" || typeof b !== "number" || !Number.isInteger(a) || !Number.isInteger(b) || a > b) {
      throw new TypeError("random.randint(a, b): a 和 b 必须是整数且 a <= b");
    }
    return a + Math_floor(Math_random() * (b - a + 1));
  }`,
  "random.choice": `function choice(list) {
    if (list == null || typeof list.length !== "number" || list.length === 0) throw new TypeError("random.choice(list): list 不能为空");
    return list[Math_floor(Math_random() * list.length)];
  }`,
  "random.random": "function random() { return Math_random(); }",
};

/** Modules that are whole objects rather than member lists. */
const WHOLE_MODULES: Record<string, string> = {
  math: "Math",
  dayjs: "makeDayjs()",
};

const FORMATTED = new Set(["log", "print"]);

function hostWrapper(qualifiedName: string, kind: BindingKind): string {
  const ref = kind === "host-sync" ? "SYNC" : "ASYNC";
  const args = FORMATTED.has(qualifiedName) ? "[formatLine(args)]" : "args";
  const fname = qualifiedName.replace(/\./g, "_");
  return `function ${fname}(...args) { return callHost(${ref}, ${JSON.stringify(qualifiedName)}, ${args}); }`;
}

function callableSource(qualifiedName: string, kind: BindingKind): string {
  if (kind === "isolate") {
    const impl = ISOLATE_IMPLS[qualifiedName];
    if (!impl) throw new Error(`SDK definition ${qualifiedName} has no in-isolate implementation`);
    return `(${impl})`;
  }
  return `(${hostWrapper(qualifiedName, kind)})`;
}

function buildPrelude(): string {
  const globals: string[] = [];
  for (const f of SDK_FUNCTIONS) {
    globals.push(`defineGlobal(${JSON.stringify(f.name)}, ${callableSource(f.name, f.binding)}, true);`);
  }
  for (const m of SDK_MODULES) {
    const whole = WHOLE_MODULES[m.name];
    if (whole) {
      globals.push(`defineGlobal(${JSON.stringify(m.name)}, ${whole}, true);`);
      continue;
    }
    const members = m.members.map(
      (d) => `${JSON.stringify(d.name)}: ${callableSource(`${m.name}.${d.name}`, d.binding)}`,
    );
    globals.push(`defineGlobal(${JSON.stringify(m.name)}, Object_freeze({ ${members.join(", ")} }), true);`);
  }
  const runValues = SDK_VARIABLES.map(
    (v) =>
      `defineGlobal(${JSON.stringify(v.name)}, config.${v.name} === undefined ? null : config.${v.name}, false);`,
  );

  return `(function () {
  "use strict";
  const G = globalThis;
  // Set once by bind(), before the user's script runs.
  let SYNC = null;
  let ASYNC = null;
  let tz = "UTC";
  let dayjsBase = null;
  // No WebAssembly for JavaScript scripts: its memory is reserved outside the isolate's heap
  // limit. The namespace is reachable only through this global (no prototype chain or other
  // built-in leads to it), so deleting the binding leaves no way back.
  delete G.WebAssembly;
  // Resizable/growable buffers reserve their maximum up front and commit on resize(), outside the
  // isolate's array-buffer accounting: without resize/grow/transfer a buffer keeps the size it
  // was allocated (and counted) with. Prototype methods are reachable only through these objects.
  delete ArrayBuffer.prototype.resize;
  delete ArrayBuffer.prototype.transfer;
  delete ArrayBuffer.prototype.transferToFixedLength;
  delete SharedArrayBuffer.prototype.grow;
  const stringify = JSON.stringify.bind(JSON);
  const parse = JSON.parse.bind(JSON);
  const Date_now = Date.now.bind(Date);
  const Math_floor = Math.floor;
  const Math_random = Math.random;
  const Object_freeze = Object.freeze;
  const ErrorCtor = Error;
  const String_ = String;
  const defineProperty = Object.defineProperty;
  const MAX_LINE = 70000;

  function defineGlobal(name, value, writable) {
    defineProperty(G, name, { value, writable, configurable: writable, enumerable: false });
  }

  function formatValue(v) {
    if (typeof v === "string") return v;
    if (v instanceof ErrorCtor) return String_(v);
    if (v !== null && typeof v === "object") {
      try {
        const text = stringify(v);
        if (typeof text === "string") return text;
      } catch (e) {}
    }
    try { return String_(v); } catch (e) { return "[unprintable]"; }
  }
  function formatLine(args) {
    let out = "";
    for (let i = 0; i < args.length && out.length <= MAX_LINE; i++) out += (i ? " " : "") + formatValue(args[i]);
    // Output is capped at 64 KB anyway: never copy a giant string to the host.
    return out.length > MAX_LINE ? out.slice(0, MAX_LINE) : out;
  }

  function callHost(ref, name, args) {
    let payload;
    try {
      payload = stringify(args);
    } catch (e) {
      throw new TypeError(name + "(): 参数无法转换为 JSON");
    }
    const raw = ref === SYNC ? SYNC.applySync(undefined, [name, payload]) : ASYNC.applySyncPromise(undefined, [name, payload]);
    const res = parse(raw);
    if (res.e !== undefined) throw new ErrorCtor(res.e);
    return res.v;
  }

  function makeDayjs() {
    const base = G.dayjs;
    dayjsBase = base;
    base.extend(G.dayjs_plugin_utc);
    base.extend(G.dayjs_plugin_timezone);
    base.extend(G.dayjs_plugin_customParseFormat);
    delete G.dayjs_plugin_utc;
    delete G.dayjs_plugin_timezone;
    delete G.dayjs_plugin_customParseFormat;
    // dayjs() and parsing work in the task's timezone, as the seed's datetime.now() did.
    const hasOffset = /(?:[zZ]|[+-]\\d{2}:?\\d{2})$/;
    function dayjs(input, format, strict) {
      if (input === undefined) return base().tz(tz);
      if (typeof input === "string" && !hasOffset.test(input.trim())) {
        return format === undefined ? base.tz(input, tz) : base.tz(input, format, tz);
      }
      return base(input, format, strict).tz(tz);
    }
    Object.setPrototypeOf(dayjs, base);
    dayjs.unix = function unix(seconds) { return base.unix(seconds).tz(tz); };
    return dayjs;
  }

  ${globals.join("\n  ")}

  G.__sdk_drive = async function drive(fn) {
    delete G.__sdk_drive;
    try {
      let value = await fn();
      if (value === undefined) value = G.result;
      if (value === undefined || value === null) return '{"ok":true,"value":null}';
      let text;
      try {
        text = stringify(value);
      } catch (e) {
        return stringify({ ok: false, error: { message: "result 无法转换为 JSON：" + formatValue(e && e.message), frames: [] } });
      }
      if (typeof text !== "string") {
        return stringify({ ok: false, error: { message: "result 必须是字符串或对象", frames: [] } });
      }
      return '{"ok":true,"value":' + text + "}";
    } catch (e) {
      return stringify({ ok: false, error: describe(e) });
    }
  };

  function describe(e) {
    try {
      if (e instanceof ErrorCtor) {
        const head = String_(e.name || "Error") + ": " + String_(e.message);
        const stack = typeof e.stack === "string" ? e.stack : "";
        const frames = stack.split("\\n").map((l) => l.trim()).filter((l) => /^at .*script\\.js:\\d+:\\d+\\)?$/.test(l));
        return { message: head, frames };
      }
      return { message: "Error: " + formatValue(e), frames: [] };
    } catch (err) {
      return { message: "Error: (无法读取的异常)", frames: [] };
    }
  }

  let bound = false;
  return function bind(syncRef, asyncRef, configJson) {
    if (bound) throw new ErrorCtor("SDK already bound");
    bound = true;
    SYNC = syncRef;
    ASYNC = asyncRef;
    const config = parse(configJson);
    tz = config.timezone;
    dayjsBase.tz.setDefault(tz);
    ${runValues.join("\n    ")}
  };
})();
`;
}

let cached: string | undefined;

/** The prelude source (generated once; identical for every run, so V8 can cache its compilation). */
export function preludeSource(): string {
  cached ??= buildPrelude();
  return cached;
}
