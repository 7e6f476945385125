"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { KeyRoundIcon, PencilLineIcon, PlusIcon, Trash2Icon } from "lucide-react";

import {
  actionsColumn,
  DataTable,
  ListPage,
  useConfirmAction,
  useDialogState,
} from "@/components/data-table";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { formatDateTime } from "./format";
import { SecretFormDialog } from "./secret-form-dialog";
import type { SecretRow } from "./types";

/** /secrets: keys and descriptions only; values are write-only. */
export function SecretsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  const query = useQuery(trpc.secrets.list.queryOptions());
  const editing = useDialogState<SecretRow>();
  const remove = useConfirmAction({
    mutation: trpc.secrets.delete.mutationOptions(),
    variables: (s: SecretRow) => ({ id: s.id }),
    invalidate: trpc.secrets.pathFilter(),
    title: (s) => t("admin.secrets.removeTitle", { key: s.secret_key }),
    description: () => t("admin.secrets.removeHint"),
    success: (s) => t("admin.secrets.removed", { key: s.secret_key }),
  });

  const columns: ColumnDef<SecretRow, unknown>[] = [
    {
      id: "key",
      accessorKey: "secret_key",
      header: t("admin.secrets.key"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[16rem]" },
      cell: ({ row: { original: s } }) => (
        <div className="flex min-w-0 flex-col gap-0.5">
          <code className="truncate font-mono font-medium">{s.secret_key}</code>
          {s.description ? (
            <span className="truncate text-xs text-muted-foreground md:hidden">{s.description}</span>
          ) : null}
        </div>
      ),
    },
    ...(scope.type === "platform"
      ? [
          {
            id: "tenant",
            header: t("admin.tenant"),
            meta: { hideBelow: "sm" },
            cell: ({ row }) =>
              row.original.tenant_id ? (
                <code className="font-mono text-xs">{row.original.tenant_id}</code>
              ) : (
                <Badge variant="outline">{t("admin.global")}</Badge>
              ),
          } satisfies ColumnDef<SecretRow, unknown>,
        ]
      : []),
    {
      id: "value",
      header: t("admin.secrets.value"),
      meta: { hideBelow: "sm", className: "font-mono text-muted-foreground" },
      cell: () => t("admin.secrets.masked"),
    },
    {
      id: "description",
      header: t("admin.secrets.descriptionLabel"),
      meta: { hideBelow: "md", className: "max-w-[18rem] truncate text-muted-foreground" },
      cell: ({ row }) => row.original.description || "—",
    },
    {
      id: "updated",
      accessorFn: (s) => String(s.updated_at),
      header: t("admin.updatedAt"),
      enableSorting: true,
      meta: { hideBelow: "md", className: "whitespace-nowrap text-muted-foreground" },
      cell: ({ row }) => formatDateTime(row.original.updated_at, locale),
    },
    ...(canWrite
      ? [
          actionsColumn<SecretRow>(t("common.actions"), (s) => ({
            label: `${t("common.actions")} ${s.secret_key}`,
            actions: [
              {
                label: t("admin.secrets.setValue"),
                icon: <PencilLineIcon aria-hidden />,
                onSelect: () => editing.edit(s),
              },
              {
                label: t("common.delete"),
                icon: <Trash2Icon aria-hidden />,
                destructive: true,
                onSelect: () => remove.ask(s),
              },
            ],
          })),
        ]
      : []),
  ];

  const createButton = canWrite ? (
    <Button onClick={editing.create}>
      <PlusIcon aria-hidden />
      {t("admin.secrets.create")}
    </Button>
  ) : null;

  return (
    <ListPage
      title={t("admin.secrets.title")}
      description={t("admin.secrets.description")}
      actions={createButton}
      readOnly={canWrite ? null : t("admin.readOnly")}
    >
      <DataTable
        id="secrets"
        label={t("admin.secrets.title")}
        columns={columns}
        rows={query.data}
        query={query}
        getRowId={(s) => String(s.id)}
        empty={{
          icon: <KeyRoundIcon />,
          title: t("admin.secrets.emptyTitle"),
          description: t("admin.secrets.emptyHint"),
          action: createButton,
        }}
      />
      <SecretFormDialog open={editing.open} onOpenChange={editing.onOpenChange} secret={editing.row} />
      {remove.dialog}
    </ListPage>
  );
}
