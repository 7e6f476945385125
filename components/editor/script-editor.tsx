"use client";

import * as React from "react";
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { python, pythonLanguage } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  language as languageFacet,
  syntaxHighlighting,
} from "@codemirror/language";
import { forceLinting, lintGutter, linter, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder as placeholderExt,
} from "@codemirror/view";

import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { sdkCompletionSource, sdkEntries, sdkHover, type SdkDocsLike } from "./sdk-assist";
import { checkSyntax, syntaxMessage } from "./syntax-check";

export type RuntimeError = { line: number; message: string };

// The test run's error lives in the editor state, so setting it is a transaction the linter sees
// (needsRefresh below): forceLinting alone does nothing when no lint is pending.
const setRuntimeError = StateEffect.define<RuntimeError | null>();
const runtimeErrorField = StateField.define<RuntimeError | null>({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setRuntimeError)) return e.value;
    // The test's error belongs to the code it ran; an edit makes it stale.
    return tr.docChanged ? null : value;
  },
});

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "transparent" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": {
    fontFamily: "var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace)",
    minHeight: "320px",
    maxHeight: "560px",
  },
  ".cm-content": { paddingBlock: "8px" },
  ".cm-gutters": {
    backgroundColor: "transparent",
    borderRight: "1px solid var(--border)",
    color: "var(--muted-foreground)",
  },
  ".cm-activeLine": { backgroundColor: "color-mix(in oklab, var(--muted) 60%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in oklab, var(--muted) 60%, transparent)" },
  ".cm-tooltip": {
    border: "1px solid var(--border)",
    backgroundColor: "var(--popover)",
    color: "var(--popover-foreground)",
    borderRadius: "6px",
  },
  ".cm-sdk-doc": { maxWidth: "420px", padding: "8px 10px", fontSize: "12px", lineHeight: "1.5" },
  ".cm-sdk-doc-sig": { display: "block", fontWeight: "600", marginBottom: "4px", whiteSpace: "pre-wrap" },
  ".cm-sdk-doc pre": {
    marginTop: "6px",
    padding: "6px",
    borderRadius: "4px",
    backgroundColor: "var(--muted)",
    whiteSpace: "pre-wrap",
  },
  ".cm-runtime-error-line": { backgroundColor: "color-mix(in oklab, var(--destructive) 12%, transparent)" },
});

export type EditorLanguage = "python" | "javascript";

const languageExtension = (language: EditorLanguage) =>
  language === "python"
    ? [python(), placeholderExt("# Python")]
    : [javascript(), placeholderExt("// JavaScript")];

/**
 * The script editor (CodeMirror 6): Python or JavaScript highlighting, SDK autocomplete and hover docs,
 * syntax errors marked on their line as you type, and the test run's error marked on its line.
 */
export function ScriptEditor({
  value,
  onChange,
  readOnly = false,
  docs,
  language = "javascript",
  runtimeError,
  ariaLabel,
  runtimeLabel = "Error",
  invalid,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  docs?: SdkDocsLike;
  /** The script's language: highlighting, SDK completions and hover docs follow it. */
  language?: EditorLanguage;
  runtimeError?: RuntimeError | null;
  ariaLabel: string;
  /** Names the test run's error in its lint tooltip. */
  runtimeLabel?: string;
  invalid?: boolean;
  className?: string;
}) {
  const host = React.useRef<HTMLDivElement>(null);
  const view = React.useRef<EditorView | null>(null);
  const onChangeRef = React.useRef(onChange);
  React.useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });
  const t = useT();
  const wordsRef = React.useRef({ t, runtimeLabel });
  React.useLayoutEffect(() => {
    wordsRef.current = { t, runtimeLabel };
  });
  const readOnlyConf = React.useRef(new Compartment());
  const sdkConf = React.useRef(new Compartment());
  const langConf = React.useRef(new Compartment());

  React.useEffect(() => {
    if (!host.current) return;
    const lint = linter(
      (v): Diagnostic[] => {
        const { t, runtimeLabel } = wordsRef.current;
        const out: Diagnostic[] = [];
        // The in-browser syntax check is JavaScript's; Python's errors come from the test run.
        const isJs = v.state.facet(languageFacet)?.name === "javascript";
        const problem = isJs ? checkSyntax(v.state.doc.toString()) : null;
        if (problem)
          out.push({
            from: problem.from,
            to: problem.to,
            severity: "error",
            message: syntaxMessage(problem, t),
          });
        const rt = v.state.field(runtimeErrorField);
        if (rt && rt.line >= 1 && rt.line <= v.state.doc.lines) {
          const line = v.state.doc.line(rt.line);
          out.push({
            from: line.from,
            to: line.to,
            severity: "error",
            source: runtimeLabel,
            message: rt.message,
            markClass: "cm-runtime-error-line",
          });
        }
        return out;
      },
      {
        delay: 300,
        // Re-lint when the test's error or the language changes, not only on edits.
        needsRefresh: (u) =>
          u.startState.field(runtimeErrorField) !== u.state.field(runtimeErrorField) ||
          u.startState.facet(languageFacet) !== u.state.facet(languageFacet),
      },
    );
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        indentOnInput(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        langConf.current.of(languageExtension(language)),
        // Wrapping keeps long string literals readable on a phone instead of scrolling sideways.
        EditorView.lineWrapping,
        autocompletion(),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        runtimeErrorField.init(() => runtimeError ?? null),
        lint,
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({ "aria-label": ariaLabel }),
        readOnlyConf.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        sdkConf.current.of([]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A value replaced from outside (load, reload after a conflict) goes into the document.
  React.useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  React.useEffect(() => {
    view.current?.dispatch({
      effects: readOnlyConf.current.reconfigure([
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
      ]),
    });
  }, [readOnly]);

  React.useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ effects: langConf.current.reconfigure(languageExtension(language)) });
    // needsRefresh scheduled a lint; run it now rather than after the delay.
    forceLinting(v);
  }, [language]);

  React.useEffect(() => {
    if (!docs) return;
    const entries = sdkEntries(docs, language);
    const lang = language === "python" ? pythonLanguage : javascriptLanguage;
    view.current?.dispatch({
      effects: sdkConf.current.reconfigure([
        lang.data.of({ autocomplete: sdkCompletionSource(entries) }),
        sdkHover(entries),
      ]),
    });
  }, [docs, language]);

  React.useEffect(() => {
    const v = view.current;
    if (!v || v.state.field(runtimeErrorField) === (runtimeError ?? null)) return;
    v.dispatch({ effects: setRuntimeError.of(runtimeError ?? null) });
    forceLinting(v);
  }, [runtimeError]);

  return (
    <div
      ref={host}
      data-slot="script-editor"
      aria-invalid={invalid || undefined}
      className={cn(
        "overflow-hidden rounded-md border bg-background text-foreground shadow-xs focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50",
        invalid && "border-destructive",
        readOnly && "bg-muted/40",
        className,
      )}
    />
  );
}
