import type { ColumnDef } from "@tanstack/react-table";

import type { Locale } from "@/lib/i18n";
import { formatDateTime } from "./format";

/** The 更新时间 column of an admin list: sortable (as `updated`), hidden on phones. */
export function updatedColumn<T extends { updated_at: Date | string }>(
  label: string,
  locale: Locale,
): ColumnDef<T, unknown> {
  return {
    id: "updated",
    accessorFn: (row) => new Date(row.updated_at).getTime(),
    header: label,
    enableSorting: true,
    meta: { hideBelow: "md", label, className: "whitespace-nowrap text-muted-foreground" },
    cell: ({ row }) => formatDateTime(row.original.updated_at, locale),
  };
}
