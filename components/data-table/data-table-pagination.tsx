"use client";

import * as React from "react";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import { PAGE_SIZES } from "./use-list-state";

/** Summary, page size, previous / next and a page jump. `page` is 1-based. */
export function DataTablePagination({
  page,
  pageSize,
  total,
  more,
  selected,
  onPageChange,
  onPageSizeChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The rows are those loaded so far and the server has more: the summary must not say 共. */
  more?: boolean;
  selected?: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
}) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const [jump, setJump] = React.useState("");
  const go = () => {
    const n = Number.parseInt(jump, 10);
    if (Number.isFinite(n)) onPageChange(Math.min(Math.max(1, n), pages));
    setJump("");
  };
  return (
    <div
      data-slot="data-pagination"
      className="flex flex-col items-center justify-between gap-2 text-sm sm:flex-row"
    >
      <p className="text-muted-foreground" aria-live="polite">
        {t(more ? "kit.summaryMore" : "kit.summary", { total, page: Math.min(page, pages), pages })}
        {selected ? ` · ${t("kit.selected", { count: selected })}` : null}
      </p>
      <div className="flex flex-wrap items-center justify-center gap-2">
        <Select value={String(pageSize)} onValueChange={(v) => onPageSizeChange(Number(v))}>
          <SelectTrigger size="sm" aria-label={t("kit.pageSize")} className="w-28">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {PAGE_SIZES.map((s) => (
              <SelectItem key={s} value={String(s)}>
                {t("kit.perPage", { size: s })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label={t("kit.previous")}
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          <ChevronLeftIcon />
        </Button>
        <span className="tabular-nums" aria-current="page">
          {Math.min(page, pages)} / {pages}
        </span>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label={t("kit.next")}
          disabled={page >= pages}
          onClick={() => onPageChange(page + 1)}
        >
          <ChevronRightIcon />
        </Button>
        {pages > 2 ? (
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              go();
            }}
          >
            <label className="text-muted-foreground" htmlFor="page-jump">
              {t("kit.jumpTo")}
            </label>
            <Input
              id="page-jump"
              inputMode="numeric"
              className="h-8 w-14"
              value={jump}
              onChange={(e) => setJump(e.target.value.replace(/\D/g, ""))}
              aria-label={t("kit.jumpTo")}
            />
            <Button type="submit" variant="ghost" size="sm">
              {t("kit.go")}
            </Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
