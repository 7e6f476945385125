import { formatDateTime as formatTime } from "@/components/tasks/format-time";
import type { Locale } from "@/lib/i18n";

/**
 * "2026-11-28 13:05" in the display zone (the console's one formatter, the same in both
 * languages, so `_locale` is unused); "—" for nothing.
 */
export function formatDateTime(value: Date | string | null | undefined, _locale: Locale): string {
  return value ? formatTime(value) : "—";
}

/** Long webhook URLs: host and path start, the secret query cut short. */
export function shortenUrl(url: string, max = 48): string {
  let shown = url;
  try {
    const u = new URL(url);
    const query = u.search.length > 14 ? `${u.search.slice(0, 14)}…` : u.search;
    shown = `${u.host}${u.pathname}${query}`;
  } catch {
    // Not a URL: show as is, cut below.
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
