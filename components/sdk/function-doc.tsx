"use client";

import { GlobeIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { useLocale, useT } from "@/lib/i18n/client";
import { CodeBlock } from "./code-block";
import { text, type FunctionDoc } from "./types";

/** One SDK function: signature, what it returns, description and a copyable example. */
export function FunctionDocCard({ fn }: { fn: FunctionDoc }) {
  const t = useT();
  const locale = useLocale();
  return (
    <article
      id={`fn-${fn.name}`}
      className="flex min-w-0 scroll-mt-20 flex-col gap-3 rounded-lg border bg-card p-4"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-base font-semibold">{fn.name}</h3>
        {fn.network ? (
          <Badge variant="outline" className="text-muted-foreground">
            <GlobeIcon aria-hidden />
            {t("sdk.network")}
          </Badge>
        ) : null}
      </header>
      <code className="block overflow-x-auto rounded bg-muted/50 px-2 py-1 font-mono text-xs whitespace-pre">
        {fn.signature} <span className="text-muted-foreground">→ {fn.returns}</span>
      </code>
      <p className="text-sm">{text(fn.description, locale)}</p>
      {fn.example ? <CodeBlock code={fn.example} copyLabel={t("sdk.copyExample")} /> : null}
    </article>
  );
}
