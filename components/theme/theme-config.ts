/** Appearance preference, kept in the `theme` cookie so the server renders the right class. */
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";

export function toTheme(value: string | null | undefined): Theme {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * Runs before paint when the preference is "system", so dark-mode users never see a light flash.
 * Kept tiny and dependency-free because it is inlined into <head>.
 */
export const SYSTEM_THEME_SCRIPT = `(function(){try{var m=window.matchMedia("(prefers-color-scheme: dark)");var a=function(){document.documentElement.classList.toggle("dark",m.matches)};a();m.addEventListener("change",a)}catch(e){}})();`;
