import { SDK_FUNCTIONS, SDK_VARIABLES } from "../sdk-definition";

// The Python side of the SDK, generated from the one SDK definition. It is imported once while
// the memory snapshot is made (so every restored interpreter already has it), and `_run` is
// called once per interpreter with the run's host bridge, script and settings.

const BASE = String.raw`
import builtins as _builtins
import sys as _sys
import json as _json
import re as _re
import math as _math
import random as _random
import hashlib as _hashlib
import base64 as _base64
import time as _time
import datetime as _datetime
import traceback as _traceback

_host = None
_SCRIPT = "script.py"
# Taken before any script runs: a script that replaces json.dumps changes only what it calls.
_dumps = _json.dumps
_loads = _json.loads


class SDKError(Exception):
    """An SDK call the platform refused or that failed (the message says why)."""


SDKError.__module__ = "builtins"


def _call(name, args):
    try:
        payload = _dumps(args, ensure_ascii=False, default=str)
    except (TypeError, ValueError) as e:
        raise TypeError(name + "(): 参数无法转换为 JSON：" + str(e)) from None
    reply = _loads(_host(name, payload))
    if "e" in reply:
        raise SDKError(reply["e"])
    return reply.get("v")


def _opts(**kwargs):
    return {k: v for k, v in kwargs.items() if v is not None}


def _text(v):
    if isinstance(v, str):
        return v
    try:
        return str(v)
    except Exception:
        return "[unprintable]"


_MAX_LINE = 70000


def _line(values, sep=" "):
    out = sep.join(_text(v) for v in values)
    return out[:_MAX_LINE]


def log(*values):
    _call("log", [_line(values)])


def print(*values, sep=" ", end="\n", file=None, flush=False):
    if file is not None and file not in (_sys.stdout, _sys.stderr):
        file.write((sep if sep is not None else " ").join(_text(v) for v in values) + (end if end is not None else "\n"))
        return
    text = _line(values, " " if sep is None else sep)
    if end not in (None, "\n", ""):
        text += end.rstrip("\n")
    _call("print", [text])


class _Stream:
    """sys.stdout / sys.stderr: complete lines go to the run's output."""

    def __init__(self, name):
        self._name = name
        self._buf = ""

    def write(self, s):
        self._buf += str(s)
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            _call("log", [line[:_MAX_LINE]])
        if len(self._buf) > _MAX_LINE:
            _call("log", [self._buf[:_MAX_LINE]])
            self._buf = ""
        return len(s)

    def flush(self):
        if self._buf:
            _call("log", [self._buf[:_MAX_LINE]])
            self._buf = ""

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"


class _Response:
    """What http_get / http_post return (requests-like)."""

    def __init__(self, raw):
        raw = raw or {}
        self.status_code = raw.get("status", 0)
        self.ok = bool(raw.get("ok"))
        self.headers = raw.get("headers") or {}
        self.text = raw.get("text") or ""
        self._json = raw.get("json")
        self.content = self.text.encode("utf-8")
        self.encoding = "utf-8"

    @property
    def status(self):
        return self.status_code

    def json(self):
        if self._json is None and self.text.strip() != "null":
            raise ValueError("响应内容不是 JSON")
        return self._json

    def raise_for_status(self):
        if self.status_code >= 400:
            raise SDKError("HTTP " + str(self.status_code))

    def __getitem__(self, key):
        return {"status": self.status_code, "status_code": self.status_code, "ok": self.ok,
                "headers": self.headers, "text": self.text, "json": self._json}[key]

    def __repr__(self):
        return "<Response [" + str(self.status_code) + "]>"


_PLACEHOLDER = _re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|%\((\w+)\)s|%s|(?<![:\w]):([A-Za-z_]\w*)|\?|%%""", _re.S)


def _db_args(sql, params):
    """db_query's SQL and params in the host's form: ? placeholders and a list.

    Accepts the seed's forms: a tuple/list with %s or ?, a dict with %(name)s or :name."""
    if not isinstance(sql, str):
        raise TypeError("db_query(): sql 必须是字符串")
    if params is None:
        return [sql, []]
    if isinstance(params, (str, bytes)) or not hasattr(params, "__iter__"):
        params = (params,)
    named = isinstance(params, dict)
    values = []
    seq = None if named else list(params)
    pos = [0]

    def repl(m):
        tok = m.group(0)
        if tok[0] in "'\"":
            return tok
        if tok == "%%":
            return "%"
        name = m.group(1) or m.group(2)
        if name is not None:
            if not named:
                return tok
            if name not in params:
                raise KeyError("db_query(): 缺少参数 " + name)
            values.append(params[name])
            return "?"
        if named:
            return tok
        if pos[0] >= len(seq):
            raise TypeError("db_query(): 占位符比参数多")
        values.append(seq[pos[0]])
        pos[0] += 1
        return "?"

    out = _PLACEHOLDER.sub(repl, sql)
    if not named and pos[0] != len(seq):
        raise TypeError("db_query(): 参数比占位符多")
    conv = []
    for v in values:
        if isinstance(v, (_datetime.datetime, _datetime.date)):
            v = v.isoformat(" ") if isinstance(v, _datetime.datetime) else v.isoformat()
        elif v is not None and not isinstance(v, (str, int, float, bool)):
            v = str(v)
        conv.append(v)
    return [out, conv]
`;

const RUN = String.raw`
def _fmt_syntax(e):
    lines = ["Traceback (most recent call last):"]
    lines += [l.rstrip("\n") for l in _traceback.format_exception_only(type(e), e)]
    return "\n".join(l for l in lines if l)


def _fmt_error(e):
    tb = _traceback.extract_tb(e.__traceback__)
    frames = [f for f in tb if f.filename == _SCRIPT]
    out = ["Traceback (most recent call last):"]
    for f in frames:
        out.append('  File "%s", line %s, in %s' % (f.filename, f.lineno, f.name))
        if f.line:
            out.append("    " + f.line.strip())
    out += [l.rstrip("\n") for l in _traceback.format_exception_only(type(e), e)]
    return "\n".join(out)


class _TaskTime:
    pass


def _install_time():
    # datetime.now() / date.today() / time.localtime() follow the task's timezone (the isolate's
    # localtime is patched); time.sleep waits on the host, counted against the time limit.
    def sleep(seconds):
        if not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValueError("sleep length must be a non-negative number")
        _call("time.sleep", [seconds])

    _time.sleep = sleep


def _globals(cfg):
    g = {"__name__": "__main__", "__builtins__": _builtins}
    for name in SDK_NAMES:
        g[name] = globals()[name]
    g.update({
        "datetime": _datetime.datetime, "date": _datetime.date, "timedelta": _datetime.timedelta,
        "time": _time, "json": _json, "re": _re, "math": _math, "random": _random,
        "hashlib": _hashlib, "base64": _base64,
    })
    for name in VAR_NAMES:
        g[name] = cfg.get(name)
    return g


def _run(host, script, config_json):
    global _host
    _host = host
    cfg = _loads(config_json)
    _random.seed()
    _install_time()
    _sys.stdout = _Stream("stdout")
    _sys.stderr = _Stream("stderr")
    _builtins.print = print
    g = _globals(cfg)
    try:
        code = compile(script, _SCRIPT, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        return _dumps({"ok": False, "error": _fmt_syntax(e)}, ensure_ascii=False)
    # linecache feeds the traceback's source lines.
    import linecache
    linecache.cache[_SCRIPT] = (len(script), None, script.splitlines(True), _SCRIPT)
    try:
        exec(code, g)
    except SystemExit as e:
        if e.code not in (None, 0):
            return _dumps({"ok": False, "error": "SystemExit: " + str(e.code)}, ensure_ascii=False)
    except BaseException as e:
        _flush()
        return _dumps({"ok": False, "error": _fmt_error(e)}, ensure_ascii=False)
    _flush()
    value = g.get("result")
    if value is None:
        return '{"ok": true, "value": null}'
    try:
        text = _dumps(value, ensure_ascii=False, default=_default)
    except (TypeError, ValueError) as e:
        return _dumps({"ok": False, "error": "result 无法转换为 JSON：" + str(e)}, ensure_ascii=False)
    return '{"ok": true, "value": ' + text + "}"


def _flush():
    for s in (_sys.stdout, _sys.stderr):
        try:
            s.flush()
        except BaseException:
            pass


def _default(v):
    if isinstance(v, (_datetime.datetime, _datetime.date, _datetime.time)):
        return v.isoformat()
    if isinstance(v, (set, frozenset, tuple)):
        return list(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    raise TypeError("不支持的类型 " + type(v).__name__)
`;

function generated(): string {
  const out: string[] = [];
  for (const f of SDK_FUNCTIONS) {
    const py = f.py;
    if (!py) throw new Error(`SDK function ${f.name} has no Python form`);
    if (py.custom) continue;
    const call = py.call ?? "[]";
    const expr = `_call(${JSON.stringify(f.name)}, ${call})`;
    out.push(`def ${f.name}(${py.params}):`, `    return ${py.wrap ? `${py.wrap}(${expr})` : expr}`, "", "");
  }
  out.push(`SDK_NAMES = ${JSON.stringify(SDK_FUNCTIONS.map((f) => f.name))}`);
  out.push(`VAR_NAMES = ${JSON.stringify(SDK_VARIABLES.map((v) => v.name))}`);
  return out.join("\n");
}

let cached: string | undefined;

/** The `_platform_sdk` module's source. */
export function pythonSdkSource(): string {
  cached ??= [BASE, generated(), RUN].join("\n\n");
  return cached;
}
