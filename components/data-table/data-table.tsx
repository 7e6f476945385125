"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type Cell,
  type ColumnDef,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon, SearchIcon } from "lucide-react";

import { ErrorPanel } from "@/components/shell/shell-states";
import { useErrorText } from "@/components/i18n/use-errors";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { DataTablePagination } from "./data-table-pagination";
import { ColumnToggle } from "./column-toggle";
import type { ListState } from "./use-list-state";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Name in the column menu (defaults to a string header). */
    label?: string;
    /** Hidden below this width; columns without it (name, 状态, actions) always show, phone included. */
    hideBelow?: "sm" | "md" | "lg" | "xl";
    className?: string;
  }
}

const HIDE: Record<string, string> = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
};

type QueryLike = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isPlaceholderData?: boolean;
};
type Empty = {
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  action?: React.ReactNode;
};

export type DataTableProps<T> = {
  /** aria-label of the table and the key its column choice is remembered under. */
  id: string;
  label: string;
  columns: ColumnDef<T, never>[] | ColumnDef<T, unknown>[];
  rows: T[] | undefined;
  query: QueryLike;
  getRowId: (row: T) => string;
  /** Sort and page in the URL; without it they live in the component. */
  list?: ListState;
  /** Rows counted by the server: paging and sorting are then the server's (rows = one page). */
  total?: number;
  /** Without `total`: the rows are what is loaded so far (a cursor list) and more exist. */
  more?: boolean;
  selection?: {
    value: RowSelectionState;
    onChange: (value: RowSelectionState) => void;
    /** The row's checkbox label (defaults to 选择此行). */
    label?: (row: T) => string;
  };
  /** The whole row opens this page (links and buttons inside keep their own click). */
  rowHref?: (row: T) => string | undefined;
  /** Extra `data-*` attributes of a row (tests and styles find rows by them). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  empty: Empty;
  /** What an empty result of a search or filter says (defaults to a generic "no match"). */
  noMatch?: Empty;
  toolbar?: React.ReactNode;
  className?: string;
};

function useLocalList(defaultSize = 20) {
  const [page, setPage] = React.useState(1);
  const [pageSize, setPageSize] = React.useState(defaultSize);
  const [sorting, setSorting] = React.useState<SortingState>([]);
  return {
    page,
    pageSize,
    sorting,
    setPage,
    setPageSize: (s: number) => (setPageSize(s), setPage(1)),
    setSorting,
  };
}

/**
 * The console's one table: sorting, paging (size + jump), selection, column choice, and the
 * loading / failed / empty states. See components/README.md.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { id, label, columns, rows, query, getRowId, list, total, selection, rowHref, empty, noMatch } =
    props;
  const t = useT();
  const say = useErrorText();
  const router = useRouter();
  const local = useLocalList(list?.pageSize);
  const state = list ?? local;
  const server = total !== undefined;
  const [visibility, setVisibility] = useStoredVisibility(id);

  const allColumns = React.useMemo(
    () =>
      selection
        ? [selectColumn<T>(t("kit.selectRow"), t("kit.selectAll"), selection.label), ...columns]
        : columns,
    [columns, selection, t],
  ) as ColumnDef<T, unknown>[];

  // TanStack Table returns fresh functions each render; the compiler leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<T>({
    data: rows ?? [],
    columns: allColumns,
    getRowId,
    defaultColumn: { enableSorting: false },
    state: {
      sorting: state.sorting,
      pagination: { pageIndex: state.page - 1, pageSize: state.pageSize },
      rowSelection: selection?.value ?? {},
      columnVisibility: visibility,
    },
    onSortingChange: (u) => state.setSorting(typeof u === "function" ? u(state.sorting) : u),
    onPaginationChange: (u) => {
      const next = typeof u === "function" ? u({ pageIndex: state.page - 1, pageSize: state.pageSize }) : u;
      if (next.pageSize !== state.pageSize) state.setPageSize(next.pageSize);
      else state.setPage(next.pageIndex + 1);
    },
    onRowSelectionChange: (u) => selection?.onChange(typeof u === "function" ? u(selection.value) : u),
    onColumnVisibilityChange: setVisibility,
    enableRowSelection: !!selection,
    manualPagination: server,
    manualSorting: server,
    rowCount: server ? total : undefined,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: server ? undefined : getSortedRowModel(),
    getPaginationRowModel: server ? undefined : getPaginationRowModel(),
    autoResetPageIndex: false,
  });

  const count = server ? total : (rows?.length ?? 0);
  const filtered = !!list?.filtered;
  const visibleRows = table.getRowModel().rows;

  let body: React.ReactNode;
  if (query.isPending) body = <TableSkeleton label={t("common.loading")} />;
  else if (query.isError)
    body = <ErrorPanel message={say(query.error)} onRetry={() => void query.refetch()} />;
  else if (count === 0)
    body = filtered ? (
      <EmptyState
        icon={<SearchIcon />}
        title={t("kit.noMatchTitle")}
        description={t("kit.noMatchHint")}
        {...noMatch}
      />
    ) : (
      <EmptyState {...empty} />
    );

  return (
    <div className={cn("flex flex-col gap-3", props.className)} data-slot="data-table" data-table-id={id}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 flex-1">{props.toolbar}</div>
        <ColumnToggle table={table} />
      </div>
      {body ?? (
        <>
          <div className={cn("rounded-lg border", query.isPlaceholderData && "opacity-60")}>
            <Table aria-label={label}>
              <TableHeader>
                {table.getHeaderGroups().map((group) => (
                  <TableRow key={group.id}>
                    {group.headers.map((header) => {
                      const meta = header.column.columnDef.meta;
                      const sorted = header.column.getIsSorted();
                      return (
                        <TableHead
                          key={header.id}
                          className={cn(meta?.hideBelow && HIDE[meta.hideBelow], meta?.className)}
                          aria-sort={sorted ? (sorted === "desc" ? "descending" : "ascending") : undefined}
                        >
                          {header.isPlaceholder ? null : header.column.getCanSort() ? (
                            <button
                              type="button"
                              className="-ml-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground"
                              onClick={header.column.getToggleSortingHandler()}
                            >
                              {flexRender(header.column.columnDef.header, header.getContext())}
                              {sorted === "asc" ? (
                                <ArrowUpIcon className="size-3.5" aria-hidden />
                              ) : sorted === "desc" ? (
                                <ArrowDownIcon className="size-3.5" aria-hidden />
                              ) : (
                                <ArrowUpDownIcon className="size-3.5 opacity-50" aria-hidden />
                              )}
                            </button>
                          ) : (
                            flexRender(header.column.columnDef.header, header.getContext())
                          )}
                        </TableHead>
                      );
                    })}
                  </TableRow>
                ))}
              </TableHeader>
              <TableBody>
                {visibleRows.map((row) => {
                  const href = rowHref?.(row.original);
                  return (
                    <TableRow
                      key={row.id}
                      data-row-id={row.id}
                      data-state={row.getIsSelected() ? "selected" : undefined}
                      {...props.rowData?.(row.original)}
                      className={href ? "cursor-pointer" : undefined}
                      onClick={href ? (e) => openRow(e, href, router) : undefined}
                    >
                      {row.getVisibleCells().map((cell) => {
                        const meta = cell.column.columnDef.meta;
                        return (
                          <TableCell
                            key={cell.id}
                            className={cn(meta?.hideBelow && HIDE[meta.hideBelow], meta?.className)}
                          >
                            <CellContent cell={cell} />
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <DataTablePagination
            page={state.page}
            pageSize={state.pageSize}
            total={count}
            more={props.more}
            selected={selection ? Object.values(selection.value).filter(Boolean).length : undefined}
            onPageChange={state.setPage}
            onPageSizeChange={state.setPageSize}
          />
        </>
      )}
    </div>
  );
}

/** A click anywhere on a row opens it, unless it was on something that has its own click. */
function openRow(e: React.MouseEvent, href: string, router: ReturnType<typeof useRouter>) {
  const target = e.target as HTMLElement;
  if (target.closest("a,button,input,label,select,textarea,[role=checkbox],[role=switch],[role=menuitem]"))
    return;
  if (window.getSelection()?.toString()) return; // selecting text is not a click
  if (e.metaKey || e.ctrlKey) window.open(href, "_blank");
  else router.push(href);
}

function selectColumn<T>(
  rowLabel: string,
  allLabel: string,
  labelOf?: (row: T) => string,
): ColumnDef<T, unknown> {
  return {
    id: "select",
    meta: { className: "w-8", label: rowLabel },
    enableHiding: false,
    header: ({ table }) => (
      <Checkbox
        aria-label={allLabel}
        checked={table.getIsAllPageRowsSelected() || (table.getIsSomePageRowsSelected() && "indeterminate")}
        onCheckedChange={(v) => table.toggleAllPageRowsSelected(!!v)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={labelOf ? labelOf(row.original) : rowLabel}
        checked={row.getIsSelected()}
        onCheckedChange={(v) => row.toggleSelected(!!v)}
      />
    ),
  };
}

function TableSkeleton({ label }: { label: string }) {
  return (
    <div className="flex flex-col gap-2" role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

/** Which columns the user hid, per table, remembered in this browser. */
function useStoredVisibility(id: string) {
  const key = `table-columns:${id}`;
  // Rows never render on the server (lists load in the browser), so reading storage here is safe.
  const [value, setValue] = React.useState<VisibilityState>(() => {
    try {
      const stored = typeof window === "undefined" ? null : window.localStorage.getItem(key);
      return stored ? (JSON.parse(stored) as VisibilityState) : {};
    } catch {
      return {}; // a broken entry is ignored
    }
  });
  const update = React.useCallback(
    (u: VisibilityState | ((old: VisibilityState) => VisibilityState)) =>
      setValue((old) => {
        const next = typeof u === "function" ? u(old) : u;
        try {
          window.localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // private mode: keep it for this page only
        }
        return next;
      }),
    [key],
  );
  return [value, update] as const;
}

/**
 * One cell's content. TanStack's flexRender mounts a column's `cell` function as a component, and
 * pages build their columns anew on each render (a refetch, a pending mutation), so every cell
 * remounted then: an open row menu closed under the operator's pointer. Called inside this one
 * stable component, the cell keeps its state (and its hooks their order) across renders.
 */
function CellContent<T>({ cell }: { cell: Cell<T, unknown> }) {
  const render = cell.column.columnDef.cell;
  return <>{typeof render === "function" ? render(cell.getContext()) : render}</>;
}
