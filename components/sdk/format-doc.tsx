"use client";

import * as React from "react";
import { EyeIcon, EyeOffIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { CodeBlock } from "./code-block";
import { FormatPreview } from "./format-preview";
import { text, type FormatDoc } from "./types";

/** One message format: fields, a copyable example and (for writers) its preview per robot. */
export function FormatDocCard({
  format,
  canPreview,
  initiallyOpen,
}: {
  format: FormatDoc;
  canPreview: boolean;
  initiallyOpen: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  // Previews run the example in the sandbox, so they load when asked for (the first one is open).
  const [open, setOpen] = React.useState(initiallyOpen);
  return (
    <article
      id={`format-${format.msg_type}`}
      className="flex min-w-0 scroll-mt-20 flex-col gap-3 rounded-lg border bg-card p-4"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{text(format.name, locale)}</h3>
        <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{format.msg_type}</code>
        <span className="flex gap-1">
          {format.channels.map((c) => (
            <Badge key={c} variant="outline">
              {t(`channels.types.${c}`)}
            </Badge>
          ))}
        </span>
      </header>
      <p className="text-sm">{text(format.description, locale)}</p>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("sdk.fields")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("sdk.fieldType")}</TableHead>
              <TableHead>{t("sdk.fieldDescription")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {format.fields.map((f) => (
              <TableRow key={f.name}>
                <TableCell className="font-mono text-xs">
                  {f.name}
                  {f.required ? (
                    <span className="ml-1 text-destructive" title={t("sdk.required")}>
                      *
                    </span>
                  ) : null}
                </TableCell>
                <TableCell className="hidden font-mono text-xs text-muted-foreground sm:table-cell">
                  {f.type}
                </TableCell>
                <TableCell className="text-sm whitespace-normal">{text(f.description, locale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-1">
          <span className="text-xs font-medium text-muted-foreground">{t("sdk.example")}</span>
          <CodeBlock code={format.example} copyLabel={t("sdk.copyExample")} />
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs font-medium text-muted-foreground">{t("sdk.preview")}</span>
            {canPreview ? (
              <Button variant="ghost" size="sm" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
                {open ? <EyeOffIcon aria-hidden /> : <EyeIcon aria-hidden />}
                {open ? t("sdk.hidePreview") : t("sdk.showPreview")}
              </Button>
            ) : null}
          </div>
          {!canPreview ? (
            <p className="text-sm text-muted-foreground">{t("sdk.previewReadOnly")}</p>
          ) : open ? (
            <FormatPreview example={format.example} msgType={format.msg_type} />
          ) : null}
        </div>
      </div>
    </article>
  );
}
