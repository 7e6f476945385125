import { z } from "zod";
import { ScriptFacingError, type RunContext } from "../run-context";

/** A host implementation of one SDK callable. Arguments and the return value are JSON values. */
export type HostBinding = (ctx: RunContext, args: unknown[]) => unknown;

/** Parses a binding's positional arguments; a bad one becomes a message naming the argument. */
export function parseArgs<T extends z.ZodType>(
  fn: string,
  names: string[],
  schema: T,
  args: unknown[],
): z.infer<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [index, ...rest] = issue.path;
  const argName = typeof index === "number" ? (names[index] ?? `参数 ${index + 1}`) : "参数";
  const where = [argName, ...rest.map(String)].join(".");
  throw new ScriptFacingError(`${fn}(): ${where} ${issue.message}`);
}
