"use client";

import { ArrowRightIcon } from "lucide-react";

import { useLabels } from "@/components/i18n/use-labels";
import { useT } from "@/lib/i18n/client";
import type { AuditRow } from "./types";

type Change = { before: unknown; after: unknown };

function isChanges(value: unknown): value is Record<string, Change> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((c) => typeof c === "object" && c !== null && "before" in c && "after" in c)
  );
}

/**
 * An audit entry's details in words: each changed field with its value before and after, and the
 * other facts (names, keys, roles…) as "field: value". Field lists (`changed`) become field words.
 */
export function AuditDetails({ row, collapsible = false }: { row: AuditRow; collapsible?: boolean }) {
  const t = useT();
  const words = useLabels();
  const details =
    row.details && typeof row.details === "object" && !Array.isArray(row.details)
      ? (row.details as Record<string, unknown>)
      : null;
  if (!details || Object.keys(details).length === 0)
    return collapsible ? null : <span className="text-muted-foreground">—</span>;
  const { changes, ...facts } = details;
  const changeList = isChanges(changes) ? Object.entries(changes) : [];
  const factList = Object.entries(facts);
  const body = (
    <dl className="flex flex-col gap-1 text-xs" data-slot="audit-details">
      {changeList.map(([field, c]) => (
        <div key={field} className="flex flex-wrap items-baseline gap-x-1.5" data-change={field}>
          <dt className="font-medium">{words.field(field)}：</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-1">
            <span className="break-all text-muted-foreground line-through decoration-muted-foreground/50">
              {words.value(field, c.before)}
            </span>
            <ArrowRightIcon
              className="size-3 shrink-0 text-muted-foreground"
              aria-label={t("admin.audit.to")}
            />
            <span className="break-all">{words.value(field, c.after)}</span>
          </dd>
        </div>
      ))}
      {changes !== undefined && changeList.length === 0 ? (
        <p className="text-muted-foreground">{t("admin.audit.noChanges")}</p>
      ) : null}
      {factList.map(([key, value]) => (
        <div key={key} className="flex flex-wrap items-baseline gap-x-1.5">
          <dt className="text-muted-foreground">{words.field(key)}：</dt>
          <dd className="min-w-0 break-all">
            {key === "changed" && Array.isArray(value)
              ? value.map((f) => words.field(String(f))).join("、")
              : words.value(key, value)}
          </dd>
        </div>
      ))}
    </dl>
  );
  if (!collapsible) return body;
  return (
    <details>
      <summary className="cursor-pointer text-xs text-muted-foreground">{t("admin.audit.details")}</summary>
      <div className="mt-1">{body}</div>
    </details>
  );
}
