"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { KeyRoundIcon, PencilLineIcon } from "lucide-react";

import { TablePage, useCrudList } from "@/components/data-table";
import { useMe } from "@/components/shell/me-context";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { formatDateTime } from "./format";
import { tenantColumns } from "./tenant-column";
import { SecretFormDialog } from "./secret-form-dialog";
import type { SecretRow } from "./types";

/** /secrets: keys and descriptions only; values are write-only. */
export function SecretsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  const { table, dialog, remove, menu } = useCrudList({
    query: () => trpc.secrets.list.queryOptions(),
    words: "admin.secrets",
    vars: (s) => ({ key: s.secret_key }),
    remove: {
      mutation: trpc.secrets.delete.mutationOptions(),
      variables: (s: SecretRow) => ({ id: s.id }),
      invalidate: trpc.secrets.pathFilter(),
    },
    canWrite,
    name: (s) => s.secret_key,
    editAs: { label: t("admin.secrets.setValue"), icon: <PencilLineIcon aria-hidden /> },
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
    ...tenantColumns<SecretRow>(scope.type === "platform", {
      header: t("admin.tenant"),
      tenant: (s) => s.tenant_id,
      none: t("admin.global"),
      hideBelow: "sm",
    }),
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
    ...menu,
  ];

  return (
    <TablePage
      {...table}
      words="admin.secrets"
      icon={<KeyRoundIcon />}
      readOnly={canWrite ? null : t("admin.readOnly")}
      id="secrets"
      columns={columns}
      getRowId={(s) => String(s.id)}
    >
      <SecretFormDialog dialog={dialog} />
      {remove.dialog}
    </TablePage>
  );
}
