import type { ColumnDef } from "@tanstack/react-table";

import { Badge } from "@/components/ui/badge";

/**
 * The 租户 column of a list seen from the platform view (none in a tenant's view): the row's
 * tenant id, or the `none` badge (全局, 平台级) for a row of no tenant.
 */
export function tenantColumns<T>(
  platform: boolean,
  {
    header,
    tenant,
    none,
    hideBelow,
    className,
  }: {
    header: string;
    tenant: (row: T) => string | null;
    none?: string;
    hideBelow: "sm" | "md" | "lg" | "xl";
    className?: string;
  },
): ColumnDef<T, unknown>[] {
  if (!platform) return [];
  return [
    {
      id: "tenant",
      header,
      meta: { hideBelow, label: header, className },
      cell: ({ row }) => {
        const id = tenant(row.original);
        return id ? <code className="font-mono text-xs">{id}</code> : <Badge variant="outline">{none}</Badge>;
      },
    },
  ];
}
