"use client";

import {
  keepPreviousData,
  useQuery,
  type QueryFilters,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from "@tanstack/react-query";

import { useT } from "@/lib/i18n/client";
import type { TKey } from "@/lib/i18n/translate";
import { useConfirmAction, useDialogState } from "./list-page";
import { useRowMenu, type RowMenuOptions } from "./row-actions";
import { useListState, type FilterParsers, type ListState } from "./use-list-state";

/** A list query's data: all the rows, or one page of them with the count. */
type Rows<T> = T[] | { items: T[]; total: number };

type RemoveWordKey = "removeTitle" | "removeHint" | "removed";

/** A namespace of the dictionary holding a delete's words ("admin.configs": removeTitle…). */
export type RemoveWords = {
  [K in TKey]: K extends `${infer P}.removed` ? (`${P}.${RemoveWordKey}` extends TKey ? P : never) : never;
}[TKey];

/**
 * The state of a list page whose rows a form dialog creates and edits and a confirmation
 * deletes: the list in the URL, its query (the previous page kept while the next loads), the
 * dialog, the delete with its words from `words` (removeTitle, removeHint, removed, given
 * `vars(row)`), the "…" column, and `table`: TablePage's list, query, rows, total (a paged
 * query's) and onCreate (a writer's). See components/README.md.
 */
export function useCrudList<
  T,
  V,
  R,
  E,
  F extends FilterParsers = Record<never, never>,
  TQueryFnData = unknown,
  TError = unknown,
  TData extends Rows<T> = Rows<T>,
  TQueryKey extends QueryKey = QueryKey,
>({
  filters,
  query,
  words,
  vars,
  remove,
  ...menu
}: Omit<RowMenuOptions<T>, "edit" | "remove"> & {
  filters?: F;
  /** The list's query options, made from the list's state (page, size, q, sort, filters). */
  query: (list: ListState<F>) => UseQueryOptions<TQueryFnData, TError, TData, TQueryKey>;
  words: RemoveWords;
  /** The values of the delete's words; `{ name }` by default. */
  vars?: (row: T) => Record<string, string>;
  remove: {
    mutation: UseMutationOptions<R, E, V>;
    variables: (row: T) => V;
    invalidate: QueryFilters | QueryFilters[];
  };
}) {
  const t = useT();
  const list = useListState<F>({ filters });
  const result = useQuery({ ...query(list), placeholderData: keepPreviousData });
  const dialog = useDialogState<T>();
  const values = vars ?? ((row: T) => ({ name: menu.name(row) }));
  const word = (key: RemoveWordKey, row: T) => t(`${words}.${key}` as TKey, values(row));
  const confirm = useConfirmAction<T, V, R, E>({
    ...remove,
    title: (row) => word("removeTitle", row),
    description: (row) => word("removeHint", row),
    success: (row) => word("removed", row),
  });
  const columns = useRowMenu<T>({ ...menu, edit: dialog.edit, remove: confirm });
  const data: Rows<T> | undefined = result.data;
  const paged = data !== undefined && !Array.isArray(data);
  // What TablePage takes from the list: spread it, then override (e.g. rows searched here).
  const table = {
    list,
    query: result,
    rows: paged ? data.items : data,
    total: paged ? data.total : undefined,
    onCreate: menu.canWrite ? dialog.create : undefined,
  };
  return { list, query: result, table, dialog, remove: confirm, menu: columns };
}

/** A short list searched on the client: the rows one of whose `fields` contains `q`. */
export function searchRows<T>(
  rows: T[] | undefined,
  q: string,
  fields: (row: T) => (string | null | undefined)[],
): T[] | undefined {
  const needle = q.toLowerCase();
  if (!needle) return rows;
  return rows?.filter((row) => fields(row).some((f) => f?.toLowerCase().includes(needle)));
}
