"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { SearchIcon, SearchXIcon } from "lucide-react";

import { ListSkeleton } from "@/components/admin/list-states";
import { PageHeader } from "@/components/shell/page-header";
import { ErrorPanel } from "@/components/shell/shell-states";
import { useMe } from "@/components/shell/me-context";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { CodeBlock } from "./code-block";
import { FormatDocCard } from "./format-doc";
import { FunctionDocCard } from "./function-doc";
import { text, type SdkDocs } from "./types";

const SECTIONS = ["functions", "variables", "modules", "formats"] as const;

type Lang = "python" | "javascript";
const LANGS: { value: Lang; label: string }[] = [
  { value: "python", label: "Python" },
  { value: "javascript", label: "JavaScript" },
];

/** Case-insensitive match on names and descriptions in the current language. */
function filterDocs(all: SdkDocs, query: string, locale: "zh" | "en", lang: Lang): SdkDocs {
  // Python's functions, variables and modules are the seed's; message formats are shared.
  const docs = lang === "python" ? { ...all, ...all.python } : all;
  const q = query.trim().toLowerCase();
  if (!q) return docs;
  const hit = (...parts: (string | { zh: string; en: string })[]) =>
    parts.some((p) => text(p, locale).toLowerCase().includes(q));
  return {
    functions: docs.functions.filter((f) => hit(f.name, f.signature, f.description)),
    variables: docs.variables.filter((v) => hit(v.name, v.description)),
    modules: docs.modules.filter(
      (m) => hit(m.name, m.description) || m.members.some((f) => hit(f.name, f.description)),
    ),
    message_formats: docs.message_formats.filter((f) => hit(f.msg_type, f.name, f.description)),
    python: docs.python,
  };
}

/** /sdk: the script SDK, generated from the server's one SDK definition. */
export function SdkPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite } = useMe();
  const query = useQuery(trpc.sandbox.sdkDocs.queryOptions({ lang: locale }));
  const [search, setSearch] = React.useState("");
  const [lang, setLang] = React.useState<Lang>("python");
  const docs = React.useMemo(
    () => (query.data ? filterDocs(query.data, search, locale, lang) : null),
    [query.data, search, locale, lang],
  );
  const counts = docs
    ? {
        functions: docs.functions.length,
        variables: docs.variables.length,
        modules: docs.modules.length,
        formats: docs.message_formats.length,
      }
    : null;
  const nothing = counts && Object.values(counts).every((n) => n === 0);

  return (
    <div className="flex flex-col gap-5">
      <PageHeader title={t("sdk.title")} description={t("sdk.description")} />
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <div className="relative w-full max-w-sm">
          <SearchIcon
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("sdk.search")}
            aria-label={t("sdk.search")}
            className="pl-8"
          />
        </div>
        <div role="radiogroup" aria-label={t("sdk.language")} className="flex gap-1 rounded-md border p-0.5">
          {LANGS.map((l) => (
            <button
              key={l.value}
              type="button"
              role="radio"
              aria-checked={lang === l.value}
              onClick={() => setLang(l.value)}
              className={
                lang === l.value
                  ? "rounded bg-primary px-2.5 py-1 text-xs font-medium text-primary-foreground"
                  : "rounded px-2.5 py-1 text-xs text-muted-foreground hover:text-foreground"
              }
            >
              {l.label}
            </button>
          ))}
        </div>
        <nav aria-label={t("sdk.onThisPage")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map((s) => (
            <a
              key={s}
              href={`#sdk-${s}`}
              className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            >
              {t(`sdk.sections.${s}`)}
              {counts ? <span className="ml-1 text-xs">({counts[s]})</span> : null}
            </a>
          ))}
        </nav>
      </div>

      {query.isPending ? (
        <ListSkeleton rows={6} />
      ) : query.isError ? (
        <ErrorPanel message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} />
      ) : nothing || !docs ? (
        <EmptyState icon={<SearchXIcon />} title={t("sdk.noMatch", { query: search.trim() })} />
      ) : (
        <>
          {docs.functions.length > 0 ? (
            <Section id="functions" title={t("sdk.sections.functions")}>
              <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
                {docs.functions.map((fn) => (
                  <FunctionDocCard key={fn.name} fn={fn} />
                ))}
              </div>
            </Section>
          ) : null}

          {docs.variables.length > 0 ? (
            <Section id="variables" title={t("sdk.sections.variables")}>
              <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {docs.variables.map((v) => (
                  <div
                    key={v.name}
                    id={`var-${v.name}`}
                    className="flex flex-col gap-1 rounded-lg border bg-card p-4"
                  >
                    <dt className="flex items-center gap-2">
                      <code className="font-mono font-semibold">{v.name}</code>
                      <code className="font-mono text-xs text-muted-foreground">{v.type}</code>
                    </dt>
                    <dd className="text-sm">{text(v.description, locale)}</dd>
                    {v.example ? (
                      <dd>
                        <CodeBlock code={v.example} copyLabel={t("sdk.copyExample")} />
                      </dd>
                    ) : null}
                  </div>
                ))}
              </dl>
            </Section>
          ) : null}

          {docs.modules.length > 0 ? (
            <Section id="modules" title={t("sdk.sections.modules")}>
              <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
                {docs.modules.map((m) => (
                  <article
                    key={m.name}
                    id={`mod-${m.name}`}
                    className="flex min-w-0 scroll-mt-20 flex-col gap-3 rounded-lg border bg-card p-4"
                  >
                    <h3 className="font-mono text-base font-semibold">{m.name}</h3>
                    <p className="text-sm">{text(m.description, locale)}</p>
                    {m.members.length > 0 ? (
                      <ul className="flex flex-col gap-1.5 text-sm">
                        {m.members.map((f) => (
                          <li key={f.name} className="flex flex-col">
                            <code className="overflow-x-auto font-mono text-xs whitespace-pre">
                              {f.signature} <span className="text-muted-foreground">→ {f.returns}</span>
                            </code>
                            <span className="text-muted-foreground">{text(f.description, locale)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {m.example ? <CodeBlock code={m.example} copyLabel={t("sdk.copyExample")} /> : null}
                  </article>
                ))}
              </div>
            </Section>
          ) : null}

          {docs.message_formats.length > 0 ? (
            <Section id="formats" title={t("sdk.sections.formats")}>
              <div className="flex flex-col gap-3">
                {docs.message_formats.map((f, i) => (
                  <FormatDocCard key={f.msg_type} format={f} canPreview={canWrite} initiallyOpen={i === 0} />
                ))}
              </div>
            </Section>
          ) : null}
        </>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      id={`sdk-${id}`}
      aria-labelledby={`sdk-${id}-title`}
      className="flex scroll-mt-20 flex-col gap-3"
    >
      <h2 id={`sdk-${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
