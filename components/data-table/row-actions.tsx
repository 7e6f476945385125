"use client";

import * as React from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { EllipsisIcon, PencilIcon, Trash2Icon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useT } from "@/lib/i18n/client";

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

/** A column of one labelled button per row (成员, 发送测试): the icon alone on a phone; never hidden. */
export function buttonColumn<T>(
  id: string,
  label: string,
  { icon, name, onClick }: { icon: React.ReactNode; name: (row: T) => string; onClick: (row: T) => void },
): ColumnDef<T, unknown> {
  return {
    id,
    enableHiding: false,
    header: () => <span className="sr-only">{label}</span>,
    meta: { className: "w-0" },
    cell: ({ row: { original } }) => (
      <Button
        variant="outline"
        size="sm"
        onClick={() => onClick(original)}
        aria-label={`${label} ${name(original)}`}
      >
        {icon}
        <span className="hidden sm:inline">{label}</span>
      </Button>
    ),
  };
}

/**
 * The "…" column of a list a writer changes: 编辑 (with `edit`), the page's own `extra` actions,
 * then 删除 (or `remove.label`, e.g. 吊销) last. None for a viewer (`canWrite` false); `may`
 * leaves a row's actions out (e.g. a shared row a tenant cannot change).
 */
export type RowMenuOptions<T> = {
  canWrite: boolean;
  name: (row: T) => string;
  edit?: (row: T) => void;
  /** The edit item's words and icon when it is not 编辑 (e.g. 设置新值). */
  editAs?: { label: string; icon: React.ReactNode };
  remove?: { ask: (row: T) => void; label?: string; icon?: React.ReactNode; hidden?: (row: T) => boolean };
  extra?: (row: T) => RowAction[];
  may?: (row: T) => boolean;
};

export function useRowMenu<T>(opts: RowMenuOptions<T>): ColumnDef<T, unknown>[] {
  const t = useT();
  if (!opts.canWrite) return [];
  const { name, edit, editAs, remove, extra, may } = opts;
  return [
    actionsColumn<T>(t("common.actions"), (row) => ({
      label: `${t("common.actions")} ${name(row)}`,
      actions: (may && !may(row)
        ? []
        : [
            ...(edit
              ? [
                  {
                    label: editAs?.label ?? t("common.edit"),
                    icon: editAs?.icon ?? <PencilIcon aria-hidden />,
                    onSelect: () => edit(row),
                  },
                ]
              : []),
            ...(extra?.(row) ?? []),
            ...(remove
              ? [
                  {
                    label: remove.label ?? t("common.delete"),
                    icon: remove.icon ?? <Trash2Icon aria-hidden />,
                    destructive: true,
                    hidden: remove.hidden?.(row),
                    onSelect: () => remove.ask(row),
                  },
                ]
              : []),
          ]) as RowAction[],
    })),
  ];
}
