import type { Locale } from "@/lib/i18n";

/** "2026-11-28 13:05" in the browser's timezone; "—" for nothing. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
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
