// The JavaScript "shell" Pyodide's loader runs on inside an isolate: the few functions a JS shell
// provides (read, readbuffer, load, console, timers, performance, crypto, TextEncoder/Decoder),
// backed by values and references the host put on the global object. It runs first, captures
// what it needs in its closure, removes the host's handles from the global object and caps
// WebAssembly memory growth for the whole isolate.

export const SHELL_SOURCE = String.raw`(function () {
  "use strict";
  const G = globalThis;
  const hostRandom = G.__host_random;
  const hostSleep = G.__host_sleep;
  const hostLog = G.__host_log;
  // Read once by Pyodide, which copies it into its in-memory FS: not kept here after that.
  let stdlib = G.__py_stdlib;
  const lockText = G.__py_lock;
  delete G.__host_random;
  delete G.__host_sleep;
  delete G.__host_log;
  delete G.__py_stdlib;
  delete G.__py_lock;
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const Uint8Array_ = Uint8Array;
  const RangeError_ = RangeError;
  const PAGE = 65536;

  // ---- WebAssembly memory cap: isolated-vm's memoryLimit does not count wasm memory. ----
  // The cap starts at the boot maximum and may be set (lowered) once per run.
  let heapMax = 2048 * 1024 * 1024;
  let capSet = false;
  const fixed = (name, value) => defineProperty(G, name, { value, writable: false, configurable: false, enumerable: false });
  fixed("__pyHeapMax", function () { return heapMax; });

  // ---- Local time is the task's timezone (Emscripten's localtime/mktime call this). ----
  let tz = "UTC";
  let tzSet = false;
  let tzFormat = null;
  fixed("__pyTzOffset", function (ms) {
    if (tz === "UTC") return 0;
    const whole = Math.floor(ms / 1000) * 1000;
    const parts = {};
    for (const x of tzFormat.formatToParts(new Date(whole))) parts[x.type] = x.value;
    const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
    return Math.round((asUtc - whole) / 60000);
  });
  fixed("__pyFillTm", function (heap, ptr, d) {
    heap[ptr >>> 2] = d.getUTCSeconds();
    heap[(ptr + 4) >>> 2] = d.getUTCMinutes();
    heap[(ptr + 8) >>> 2] = d.getUTCHours();
    heap[(ptr + 12) >>> 2] = d.getUTCDate();
    heap[(ptr + 16) >>> 2] = d.getUTCMonth();
    heap[(ptr + 20) >>> 2] = d.getUTCFullYear() - 1900;
    heap[(ptr + 24) >>> 2] = d.getUTCDay();
    heap[(ptr + 28) >>> 2] = Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5);
    heap[(ptr + 32) >>> 2] = 0;
  });
  G.__pySetTimezone = function (name) {
    if (tzSet) return;
    tzSet = true;
    try {
      tzFormat = new Intl.DateTimeFormat("en-US", {
        timeZone: String(name), hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric",
      });
      tz = String(name);
    } catch (e) {
      tz = "UTC";
    }
  };
  const WA = G.WebAssembly;
  const memProto = WA.Memory.prototype;
  const grow = memProto.grow;
  const bufferGetter = getOwnPropertyDescriptor(memProto, "buffer").get;
  defineProperty(memProto, "grow", {
    value: function grow_(delta) {
      const size = apply(bufferGetter, this, []).byteLength;
      if (size + Number(delta) * PAGE > heapMax) throw new RangeError_("WebAssembly memory limit reached");
      return apply(grow, this, [delta]);
    },
    writable: false,
    configurable: false,
  });
  const tableProto = WA.Table.prototype;
  const tableGrow = tableProto.grow;
  const tableLength = getOwnPropertyDescriptor(tableProto, "length").get;
  defineProperty(tableProto, "grow", {
    value: function grow_(delta) {
      if (apply(tableLength, this, []) + Number(delta) > 1 << 20) throw new RangeError_("WebAssembly table limit reached");
      return apply(tableGrow, this, arguments);
    },
    writable: false,
    configurable: false,
  });
  G.__pySetHeapMax = function (bytes) {
    if (capSet) return;
    capSet = true;
    heapMax = Math.max(PAGE, Math.floor(bytes / PAGE) * PAGE);
  };
  /** Hides the WebAssembly constructors from everything evaluated after Pyodide's own code. */
  G.__pyHideWasm = function () {
    for (const k of ["Memory", "Table", "Module", "Instance", "Global", "Tag", "Exception", "Function", "Suspending"]) {
      const C = WA[k];
      if (C && C.prototype) {
        try { delete C.prototype.constructor; } catch (e) {}
      }
    }
    delete G.WebAssembly;
  };

  // ---- The shell functions Pyodide's loader looks for. ----
  G.read = function read(path) {
    if (String(path).endsWith("pyodide-lock.json")) return lockText;
    throw new Error("no file " + path);
  };
  G.load = function load() { throw new Error("load() is not available"); };
  G.readbuffer = function readbuffer(path) {
    const p = String(path);
    if (p.endsWith("python_stdlib.zip") && stdlib) {
      const zip = stdlib;
      stdlib = undefined;
      return zip;
    }
    if (p.endsWith("pyodide.asm.wasm")) return new ArrayBuffer(0);
    throw new Error("no file " + p);
  };
  const fmt = (args) => Array.prototype.map.call(args, (a) => { try { return String(a); } catch (e) { return "?"; } }).join(" ");
  G.console = {
    log() { hostLog.applyIgnored(undefined, ["log", fmt(arguments)]); },
    info() { hostLog.applyIgnored(undefined, ["log", fmt(arguments)]); },
    debug() {},
    warn() { hostLog.applyIgnored(undefined, ["warn", fmt(arguments)]); },
    error() { hostLog.applyIgnored(undefined, ["error", fmt(arguments)]); },
  };
  let nextTimer = 1;
  const cancelled = new Set();
  G.setTimeout = function setTimeout(fn, ms) {
    const id = nextTimer++;
    const run = () => { if (!cancelled.delete(id) && typeof fn === "function") fn(); };
    const delay = Number(ms) || 0;
    if (delay <= 0) Promise.resolve().then(run);
    else hostSleep.apply(undefined, [delay], { result: { promise: true } }).then(run, () => {});
    return id;
  };
  G.clearTimeout = function clearTimeout(id) { cancelled.add(id); };
  G.setImmediate = function setImmediate(fn) { return G.setTimeout(fn, 0); };
  const t0 = Date.now();
  G.performance = { now() { return Date.now() - t0; }, timeOrigin: t0 };
  G.crypto = {
    getRandomValues(view) {
      const bytes = new Uint8Array_(hostRandom.applySync(undefined, [view.byteLength], { result: { copy: true } }));
      new Uint8Array_(view.buffer, view.byteOffset, view.byteLength).set(bytes);
      return view;
    },
  };

  // Minimal UTF-8 TextEncoder / TextDecoder (the isolate is bare V8).
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(str) {
      const s = String(str === undefined ? "" : str);
      const out = [];
      for (let i = 0; i < s.length; i++) {
        let c = s.charCodeAt(i);
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d < 0xe000) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
          else c = 0xfffd;
        } else if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return new Uint8Array_(out);
    }
    encodeInto(str, dest) {
      const bytes = this.encode(str);
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.subarray(0, n));
      return { read: String(str).length, written: n };
    }
  }
  class TextDecoder {
    constructor(label, options) {
      const l = String(label === undefined ? "utf-8" : label).toLowerCase();
      if (l === "utf-8" || l === "utf8") this.kind = "utf-8";
      else if (l === "utf-16le" || l === "utf-16") this.kind = "utf-16le";
      else if (l === "latin1" || l === "ascii" || l === "iso-8859-1" || l === "us-ascii") this.kind = "latin1";
      else throw new RangeError_("TextDecoder: unsupported encoding " + l);
      this.fatal = !!(options && options.fatal);
    }
    get encoding() { return this.kind === "latin1" ? "windows-1252" : this.kind; }
    decode(input) {
      if (input === undefined) return "";
      const b = input instanceof ArrayBuffer ? new Uint8Array_(input) : new Uint8Array_(input.buffer, input.byteOffset, input.byteLength);
      let out = "";
      const chunk = [];
      if (this.kind !== "utf-8") {
        const step = this.kind === "latin1" ? 1 : 2;
        for (let i = 0; i + step - 1 < b.length; i += step) {
          chunk.push(step === 1 ? b[i] : b[i] | (b[i + 1] << 8));
          if (chunk.length >= 8192) { out += String.fromCharCode.apply(null, chunk); chunk.length = 0; }
        }
        return out + String.fromCharCode.apply(null, chunk);
      }
      for (let i = 0; i < b.length; ) {
        const c = b[i];
        let cp = 0xfffd;
        let n = 1;
        if (c < 0x80) cp = c;
        else if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length && (b[i + 1] & 0xc0) === 0x80) { cp = ((c & 31) << 6) | (b[i + 1] & 63); n = 2; }
        else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80) {
          cp = ((c & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63); n = 3;
          if (cp < 0x800) cp = 0xfffd;
        } else if (c >= 0xf0 && c < 0xf5 && i + 3 < b.length && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80 && (b[i + 3] & 0xc0) === 0x80) {
          cp = ((c & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63); n = 4;
          if (cp < 0x10000 || cp > 0x10ffff) cp = 0xfffd;
        }
        if (cp === 0xfffd && this.fatal && !(n === 3 && c === 0xef)) throw new TypeError("The encoded data was not valid for encoding utf-8");
        i += n;
        if (cp >= 0x10000) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); }
        else chunk.push(cp);
        if (chunk.length >= 8192) { out += String.fromCharCode.apply(null, chunk); chunk.length = 0; }
      }
      return out + String.fromCharCode.apply(null, chunk);
    }
  }
  G.TextEncoder = TextEncoder;
  G.TextDecoder = TextDecoder;
})();
`;
