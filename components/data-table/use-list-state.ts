"use client";

import * as React from "react";
import type { SortingState } from "@tanstack/react-table";
import {
  parseAsInteger,
  parseAsString,
  useQueryStates,
  type ParserMap,
  type SingleParserBuilder,
  type Values,
} from "nuqs";

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** `sort=name.asc` in the URL ⇄ TanStack's SortingState (one column). */
export function parseSort(value: string): SortingState {
  const m = /^([\w.-]+)\.(asc|desc)$/.exec(value);
  return m ? [{ id: m[1]!, desc: m[2] === "desc" }] : [];
}

export function formatSort(sorting: SortingState): string {
  const first = sorting[0];
  return first ? `${first.id}.${first.desc ? "desc" : "asc"}` : "";
}

export type FilterParsers = Record<string, SingleParserBuilder<string>>;

export type ListState<F extends FilterParsers = FilterParsers> = {
  page: number;
  pageSize: number;
  q: string;
  sorting: SortingState;
  filters: { [K in keyof F]: string | undefined };
  /** Any search or filter set (an empty list then says "no match", not "nothing yet"). */
  filtered: boolean;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  setQ: (q: string) => void;
  setSorting: (sorting: SortingState) => void;
  setFilter: (key: keyof F, value: string | undefined) => void;
  clear: () => void;
};

/** A server-paged list's usual parameters: page, size, search text and sort (`name.asc`). */
export function pageParams(list: ListState<FilterParsers>) {
  return {
    page: list.page,
    page_size: list.pageSize,
    q: list.q || undefined,
    sort: formatSort(list.sorting) || undefined,
  };
}

/**
 * The state of a list page kept in the URL (nuqs): `q`, `page`, `size`, `sort` and one key per
 * filter, so back, reload and a shared link show the same list. A change of search, filter, sort
 * or page size goes back to page 1. `prefix` keeps two lists on one page apart (`runs_page`).
 */
export function useListState<F extends FilterParsers = Record<never, never>>({
  filters,
  pageSize: defaultSize = 20,
  prefix = "",
  defaultSort = "",
}: {
  filters?: F;
  pageSize?: number;
  prefix?: string;
  defaultSort?: string;
} = {}): ListState<F> {
  const parsers = React.useMemo(() => {
    const map: ParserMap = {
      q: parseAsString.withDefault(""),
      page: parseAsInteger.withDefault(1),
      size: parseAsInteger.withDefault(defaultSize),
      sort: parseAsString.withDefault(defaultSort),
    };
    for (const [k, p] of Object.entries(filters ?? {})) map[k] = p;
    return map;
  }, [filters, defaultSize, defaultSort]);
  const urlKeys = React.useMemo(
    () => (prefix ? Object.fromEntries(Object.keys(parsers).map((k) => [k, `${prefix}${k}`])) : undefined),
    [parsers, prefix],
  );
  const [values, set] = useQueryStates(parsers, { history: "push", urlKeys });
  const v = values as Values<ParserMap> & Record<string, unknown>;
  const filterKeys = Object.keys(filters ?? {});
  const filterValues = Object.fromEntries(
    filterKeys.map((k) => [k, (v[k] as string | null | undefined) ?? undefined]),
  ) as ListState<F>["filters"];
  const q = (v.q as string) ?? "";
  const size = PAGE_SIZES.includes(v.size as (typeof PAGE_SIZES)[number]) ? (v.size as number) : defaultSize;

  const keys = filterKeys.join(",");
  const setters = React.useMemo(
    () => ({
      setPage: (page: number) => void set({ page }),
      setPageSize: (size: number) => void set({ size, page: 1 }),
      setQ: (q: string) => void set({ q, page: 1 }, { history: "replace" }),
      setSorting: (sorting: SortingState) => void set({ sort: formatSort(sorting), page: 1 }),
      setFilter: (key: keyof F, value: string | undefined) =>
        void set({ [key as string]: value ?? null, page: 1 }),
      clear: () =>
        void set({
          q: null,
          page: null,
          ...Object.fromEntries((keys ? keys.split(",") : []).map((k) => [k, null])),
        }),
    }),
    [set, keys],
  );
  return {
    page: Math.max(1, (v.page as number) || 1),
    pageSize: size,
    q,
    sorting: parseSort((v.sort as string) ?? ""),
    filters: filterValues,
    filtered: !!q || Object.values(filterValues).some((x) => x !== undefined && x !== ""),
    ...setters,
  };
}
