import { sdkCallables } from "../sdk-definition";
import { aiBindings } from "./ai";
import { basicBindings } from "./basic";
import { dataBindings } from "./data";
import { dbBindings } from "./db-query";
import { httpBindings } from "./http";
import { robotBindings } from "./robots";
import type { HostBinding } from "./types";

/** Every host-side SDK callable by qualified name ("ai", "hashlib.md5"). */
export const HOST_BINDINGS: Record<string, HostBinding> = {
  ...basicBindings,
  ...aiBindings,
  ...robotBindings,
  ...httpBindings,
  ...dbBindings,
  ...dataBindings,
};

/** Names where the definition and the host bindings disagree (empty when in step). */
export function bindingMismatches(): { undefinedBindings: string[]; unboundDefinitions: string[] } {
  const hostDefs = sdkCallables()
    .filter((c) => c.def.binding !== "isolate")
    .map((c) => c.qualifiedName);
  return {
    undefinedBindings: Object.keys(HOST_BINDINGS).filter((name) => !hostDefs.includes(name)),
    unboundDefinitions: hostDefs.filter((name) => !Object.hasOwn(HOST_BINDINGS, name)),
  };
}

export type { HostBinding };
