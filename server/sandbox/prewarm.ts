import type { ScriptLanguage } from "./script-types";

// Sandboxes that can be made ready before the runs that need them, by script language. The
// dispatcher's look-ahead (server/runs/prewarm-ahead.ts) counts the fires it sees coming for each
// language listed here and asks its pool to hold that many; each pool bounds the number itself
// (its maximum, live runs, the memory budget). A language's pool is loaded on first use only.

type Prewarm = (n: number) => void;

const PREWARMERS: Partial<Record<ScriptLanguage, () => Promise<Prewarm>>> = {
  python: async () => (await import("./python/pool")).prewarmPython,
  javascript: async () => (await import("./js-pool")).prewarmJs,
};

/** The languages whose sandboxes can be prewarmed. */
export function prewarmedLanguages(): ScriptLanguage[] {
  return Object.keys(PREWARMERS) as ScriptLanguage[];
}

/** Asks `language`'s pool to hold `n` ready sandboxes (at most its own bounds); returns at once. */
export async function prewarm(language: ScriptLanguage, n: number): Promise<void> {
  const load = PREWARMERS[language];
  if (!load || !(n > 0)) return;
  (await load())(n);
}
