"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, PencilLineIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { ReadOnlyNote } from "./read-only-note";
import { RowActions } from "@/components/data-table/row-actions";
import { SecretFormDialog } from "./secret-form-dialog";
import type { SecretRow } from "./types";

/** /secrets: keys and descriptions only; values are write-only. */
export function SecretsPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite, scope } = useMe();
  const query = useQuery(trpc.secrets.list.queryOptions());
  const [editing, setEditing] = React.useState<{ secret: SecretRow | null } | null>(null);
  const [deleting, setDeleting] = React.useState<SecretRow | null>(null);
  const remove = useMutation(
    trpc.secrets.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.secrets.pathFilter());
        toast.success(t("admin.secrets.removed", { key: deleting?.secret_key ?? "" }));
        setDeleting(null);
      },
    }),
  );
  const showTenant = scope.type === "platform";

  const createButton = canWrite ? (
    <Button onClick={() => setEditing({ secret: null })}>
      <PlusIcon aria-hidden />
      {t("admin.secrets.create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("admin.secrets.title")}
        description={t("admin.secrets.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("admin.readOnly")}</ReadOnlyNote> : null}
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{
          icon: <KeyRoundIcon />,
          title: t("admin.secrets.emptyTitle"),
          description: t("admin.secrets.emptyHint"),
          action: createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.secrets.key")}</TableHead>
                {showTenant ? (
                  <TableHead className="hidden sm:table-cell">{t("admin.tenant")}</TableHead>
                ) : null}
                <TableHead className="hidden sm:table-cell">{t("admin.secrets.value")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.secrets.descriptionLabel")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.updatedAt")}</TableHead>
                {canWrite ? <TableHead className="w-0 text-right">{t("common.actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((secret) => (
                <TableRow key={secret.id}>
                  <TableCell className="max-w-[16rem]">
                    <div className="flex min-w-0 flex-col gap-0.5">
                      <code className="truncate font-mono font-medium">{secret.secret_key}</code>
                      {secret.description ? (
                        <span className="truncate text-xs text-muted-foreground md:hidden">
                          {secret.description}
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                  {showTenant ? (
                    <TableCell className="hidden sm:table-cell">
                      {secret.tenant_id ? (
                        <code className="font-mono text-xs">{secret.tenant_id}</code>
                      ) : (
                        <Badge variant="outline">{t("admin.global")}</Badge>
                      )}
                    </TableCell>
                  ) : null}
                  <TableCell className="hidden font-mono text-muted-foreground sm:table-cell">
                    {t("admin.secrets.masked")}
                  </TableCell>
                  <TableCell className="hidden max-w-[18rem] truncate text-muted-foreground md:table-cell">
                    {secret.description || "—"}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {formatDateTime(secret.updated_at, locale)}
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="text-right">
                      <RowActions
                        label={`${t("common.actions")} ${secret.secret_key}`}
                        actions={[
                          {
                            label: t("admin.secrets.setValue"),
                            icon: <PencilLineIcon aria-hidden />,
                            onSelect: () => setEditing({ secret }),
                          },
                          {
                            label: t("common.delete"),
                            icon: <Trash2Icon aria-hidden />,
                            destructive: true,
                            onSelect: () => {
                              remove.reset();
                              setDeleting(secret);
                            },
                          },
                        ]}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </ListStates>
      <SecretFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        secret={editing?.secret ?? null}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("admin.secrets.removeTitle", { key: deleting?.secret_key ?? "" })}
        description={t("admin.secrets.removeHint")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}
