"use client";

import * as React from "react";

/** Ctrl/Cmd+S saves, Ctrl/Cmd+Enter tests; caught before the script editor's own keymap. */
export function useEditorKeys(actions: { save: () => unknown; runTest: () => unknown }) {
  const keys = React.useRef(actions);
  React.useLayoutEffect(() => {
    keys.current = actions;
  });
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === "s" || e.key === "S") {
        e.preventDefault();
        e.stopPropagation();
        void keys.current.save();
      } else if (e.key === "Enter") {
        e.preventDefault();
        e.stopPropagation();
        void keys.current.runTest();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
}
