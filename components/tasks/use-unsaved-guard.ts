"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

import { useRegisterUnsaved } from "@/components/shell/unsaved-changes";

/**
 * Warns before losing unsaved changes: the browser's own prompt on reload/close, and for links
 * inside the app a confirmation (`pendingHref` set → show a dialog; `leave()` continues).
 */
export function useUnsavedGuard(dirty: boolean) {
  const router = useRouter();
  const dirtyRef = React.useRef(dirty);
  React.useLayoutEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  const [pendingHref, setPendingHref] = React.useState<string | null>(null);
  // The tenant switcher asks before throwing these edits away (and says when it did).
  const unregister = useRegisterUnsaved(dirty);

  React.useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    // Capture phase: runs before Next's Link handler, which would navigate client-side.
    const onClick = (e: MouseEvent) => {
      if (
        !dirtyRef.current ||
        e.defaultPrevented ||
        e.button !== 0 ||
        e.metaKey ||
        e.ctrlKey ||
        e.shiftKey ||
        e.altKey
      )
        return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setPendingHref(url.pathname + url.search + url.hash);
    };
    const onDiscard = () => {
      dirtyRef.current = false;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("console:discard-unsaved", onDiscard);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("console:discard-unsaved", onDiscard);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  return {
    pendingHref,
    stay: () => setPendingHref(null),
    leave: () => {
      const href = pendingHref;
      setPendingHref(null);
      dirtyRef.current = false;
      if (href) router.push(href);
    },
    /** Call right before a navigation the editor starts itself (after a save). */
    release: () => {
      dirtyRef.current = false;
      unregister();
    },
  };
}
