// IANA time zone checks, isomorphic (Intl exists in Node and every browser we target).

/**
 * The canonical spelling of a time zone name, or null when Intl does not know it.
 * A DateTimeFormat probe is used rather than Intl.supportedValuesOf("timeZone"): the latter
 * omits "UTC" and every alias (US/Eastern, Asia/Kolkata on older ICU), which users do type.
 * Only the letter case is corrected ("asia/shanghai" → "Asia/Shanghai"); aliases are kept as
 * written, because ICU's canonical form is sometimes the older name (Asia/Kolkata → Asia/Calcutta).
 */
export function normalizeTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Offsets ("+08:00") are not IANA names and newer V8 versions would accept them.
  if (trimmed === "" || /^[+-]\d/.test(trimmed)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
}

export function isValidTimeZone(name: string): boolean {
  return normalizeTimeZone(name) !== null;
}

export const DEFAULT_TIMEZONE = "Asia/Shanghai";
