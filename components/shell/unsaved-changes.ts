"use client";

import * as React from "react";

// Pages with a form register whether it has unsaved edits, so the shell (tenant switcher) can
// ask before a switch that would throw them away. One editor is open at a time.
const dirtyForms = new Set<() => boolean>();

export function hasUnsavedChanges(): boolean {
  for (const check of dirtyForms) if (check()) return true;
  return false;
}

/** Registers `dirty` for as long as the calling component is mounted. */
export function useRegisterUnsaved(dirty: boolean) {
  const ref = React.useRef(dirty);
  React.useLayoutEffect(() => {
    ref.current = dirty;
  }, [dirty]);
  React.useEffect(() => {
    const check = () => ref.current;
    dirtyForms.add(check);
    return () => void dirtyForms.delete(check);
  }, []);
  return React.useCallback(() => {
    ref.current = false;
  }, []);
}

/** The list a page belongs to: `/tasks/12?tab=runs` → `/tasks` (a record of one tenant 404s in another). */
export function listPathOf(pathname: string): string | null {
  const parts = pathname.split("/").filter(Boolean);
  return parts.length > 1 ? `/${parts[0]}` : null;
}
