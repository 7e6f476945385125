/** Whether the desktop sidebar is folded to icons; a cookie so the server renders it right. */
export const SIDEBAR_COOKIE = "sidebar_collapsed";

export function writeSidebarCookie(collapsed: boolean): void {
  document.cookie = `${SIDEBAR_COOKIE}=${collapsed ? "1" : "0"}; path=/; max-age=31536000; samesite=lax`;
}
