// The reliability tests run short inside `npm test` and long under `npm run test:reliability`
// (vitest.reliability.config.ts sets RELIABILITY_FULL=1). Tests read their sizes through here.

export const FULL = process.env.RELIABILITY_FULL === "1";

/** The short value in the unit run, the full one in the reliability run. */
export function sized<T>(short: T, full: T): T {
  return FULL ? full : short;
}
