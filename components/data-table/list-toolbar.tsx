"use client";

import * as React from "react";
import { SearchIcon, XIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import type { ListState } from "./use-list-state";

// Radix Select forbids empty item values, so "no filter" is a sentinel.
const ALL = "__all__";

export type ListFilter = {
  key: string;
  label: string;
  /** What "no filter" reads as (defaults to 全部). */
  allLabel?: string;
  options: { value: string; label: string }[];
};

/** A compact select for list filters: `value` undefined = no filter. */
export function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
  className,
}: Omit<ListFilter, "key"> & {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  className?: string;
}) {
  const t = useT();
  return (
    <Select value={value || ALL} onValueChange={(v) => onChange(v === ALL ? undefined : v)}>
      <SelectTrigger size="sm" aria-label={label} className={className ?? "w-full sm:w-36"}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{allLabel ?? `${label}：${t("kit.all")}`}</SelectItem>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** Search box typed into locally and written to the URL 300 ms after the last key. */
function SearchBox({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
}) {
  const t = useT();
  const [text, setText] = React.useState(value);
  const [base, setBase] = React.useState(value);
  // The URL changed from elsewhere (clear, back): show its value.
  if (base !== value) {
    setBase(value);
    if (text.trim() !== value) setText(value);
  }
  React.useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative lg:w-72">
      <SearchIcon
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        aria-label={t("common.search")}
        className="h-8 pl-8"
      />
    </div>
  );
}

/** Search, filters and "clear", all bound to the list's URL state. */
export function ListToolbar({
  list,
  search,
  filters = [],
  children,
}: {
  list: ListState;
  /** Placeholder of the search box; no box without it. */
  search?: string;
  filters?: ListFilter[];
  children?: React.ReactNode;
}) {
  const t = useT();
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-center">
      {search !== undefined ? <SearchBox value={list.q} onChange={list.setQ} placeholder={search} /> : null}
      {filters.length || children || list.filtered ? (
        <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
          {filters.map((f) => (
            <FilterSelect
              key={f.key}
              label={f.label}
              allLabel={f.allLabel}
              options={f.options}
              value={list.filters[f.key]}
              onChange={(v) => list.setFilter(f.key, v)}
            />
          ))}
          {children}
          {list.filtered ? (
            <Button variant="ghost" size="sm" onClick={list.clear}>
              <XIcon aria-hidden />
              {t("kit.clearFilters")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
