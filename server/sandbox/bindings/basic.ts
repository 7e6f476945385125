import { createHash } from "node:crypto";
import { z } from "zod";
import { ScriptFacingError } from "../run-context";
import { parseArgs, type HostBinding } from "./types";

const text =
  (fn: string): HostBinding =>
  (_ctx, args) =>
    parseArgs(fn, ["text"], z.tuple([z.string()]).rest(z.unknown()), args)[0];

function digest(alg: "md5" | "sha1" | "sha256"): HostBinding {
  return (ctx, args) =>
    createHash(alg)
      .update(text(`hashlib.${alg}`)(ctx, args) as string, "utf8")
      .digest("hex");
}

function writeLine(ctx: Parameters<HostBinding>[0], args: unknown[]): null {
  ctx.output.write(typeof args[0] === "string" ? args[0] : String(args[0]));
  return null;
}

export const basicBindings: Record<string, HostBinding> = {
  // The isolate formats the values into one string (objects as JSON) before crossing.
  log: writeLine,
  print: writeLine,

  get_param: (ctx, args) => {
    const [key, fallback] = parseArgs(
      "get_param",
      ["key", "default"],
      z.tuple([z.string(), z.unknown().optional()]),
      args,
    );
    return Object.hasOwn(ctx.params, key) ? ctx.params[key] : (fallback ?? null);
  },
  get_params: (ctx) => ctx.params,

  "hashlib.md5": digest("md5"),
  "hashlib.sha1": digest("sha1"),
  "hashlib.sha256": digest("sha256"),

  "base64.b64encode": (ctx, args) =>
    Buffer.from(text("base64.b64encode")(ctx, args) as string, "utf8").toString("base64"),
  "base64.b64decode": (ctx, args) => {
    const input = (text("base64.b64decode")(ctx, args) as string).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(input))
      throw new ScriptFacingError("base64.b64decode(): 不是有效的 Base64 文本");
    return Buffer.from(input, "base64").toString("utf8");
  },

  "time.sleep": async (ctx, args) => {
    const [seconds] = parseArgs("time.sleep", ["seconds"], z.tuple([z.number().min(0)]), args);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000);
      ctx.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    return null;
  },
};
