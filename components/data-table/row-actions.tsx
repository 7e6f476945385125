"use client";

import * as React from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { EllipsisIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type RowAction = {
  label: string;
  icon?: React.ReactNode;
  onSelect: () => void;
  destructive?: boolean;
  disabled?: boolean;
  /** Left out (e.g. for a viewer). */
  hidden?: boolean;
};

/** The "…" menu at the end of a table row; destructive actions come last, after a separator. */
export function RowActions({ label, actions }: { label: string; actions: RowAction[] }) {
  const shown = actions.filter((a) => !a.hidden);
  const plain = shown.filter((a) => !a.destructive);
  const destructive = shown.filter((a) => a.destructive);
  if (shown.length === 0) return null;
  const item = (a: RowAction) => (
    <DropdownMenuItem
      key={a.label}
      variant={a.destructive ? "destructive" : undefined}
      disabled={a.disabled}
      onSelect={a.onSelect}
    >
      {a.icon}
      {a.label}
    </DropdownMenuItem>
  );
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={label}>
          <EllipsisIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {plain.map(item)}
        {plain.length > 0 && destructive.length > 0 ? <DropdownMenuSeparator /> : null}
        {destructive.map(item)}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The last column of a list: the row's "…" menu; never hidden, on a phone too. */
export function actionsColumn<T>(
  header: string,
  menu: (row: T) => { label: string; actions: RowAction[] },
): ColumnDef<T, unknown> {
  return {
    id: "actions",
    enableHiding: false,
    header: () => <span className="sr-only">{header}</span>,
    meta: { className: "w-12 text-right", label: header },
    cell: ({ row }) => <RowActions {...menu(row.original)} />,
  };
}
