"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, MessageSquareTextIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { ListStates } from "@/components/admin/list-states";
import { ReadOnlyNote } from "@/components/admin/read-only-note";
import { RowActions } from "@/components/data-table/row-actions";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import type { WecomApp } from "./types";
import { WecomAppFormDialog } from "./wecom-app-form-dialog";

/** /wecom-apps: WeCom applications that tasks may send application messages through. */
export function WecomAppsPage() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite, scope } = useMe();
  const query = useQuery(trpc.wecomApps.list.queryOptions());
  const [editing, setEditing] = React.useState<{ app: WecomApp | null } | null>(null);
  const [deleting, setDeleting] = React.useState<WecomApp | null>(null);
  const remove = useMutation(
    trpc.wecomApps.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.wecomApps.pathFilter());
        toast.success(t("channels.wecomApps.remove.done", { name: deleting?.app_name ?? "" }));
        setDeleting(null);
      },
    }),
  );
  // A tenant may change only its own apps; the platform's shared ones are read-only to it.
  const mayChange = (app: WecomApp) =>
    canWrite && (scope.type === "platform" || app.tenant_id === scope.tenantId);

  const createButton = canWrite ? (
    <Button onClick={() => setEditing({ app: null })}>
      <PlusIcon aria-hidden />
      {t("channels.wecomApps.create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("channels.wecomApps.title")}
        description={t("channels.wecomApps.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("channels.readOnly")}</ReadOnlyNote> : null}
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{
          icon: <MessageSquareTextIcon />,
          title: t("channels.wecomApps.emptyTitle"),
          description: t("channels.wecomApps.emptyHint"),
          action: createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("channels.wecomApps.col.name")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("channels.wecomApps.col.corp")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("channels.wecomApps.col.agent")}</TableHead>
                <TableHead className="hidden lg:table-cell">
                  {t("channels.wecomApps.col.recipients")}
                </TableHead>
                <TableHead className="hidden sm:table-cell">{t("channels.wecomApps.col.secret")}</TableHead>
                <TableHead>{t("channels.wecomApps.col.enabled")}</TableHead>
                {canWrite ? <TableHead className="w-0 text-right">{t("common.actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((app) => (
                <TableRow key={app.id}>
                  <TableCell className="max-w-[14rem]">
                    <div className="flex min-w-0 flex-col gap-1">
                      <span className="truncate font-medium">{app.app_name}</span>
                      <span className="flex flex-wrap items-center gap-1">
                        {app.tenant_id === null ? (
                          <Badge variant="outline" title={t("channels.wecomApps.sharedHint")}>
                            {t("channels.wecomApps.shared")}
                          </Badge>
                        ) : scope.type === "platform" ? (
                          <code className="font-mono text-xs text-muted-foreground">{app.tenant_id}</code>
                        ) : null}
                        <code className="font-mono text-xs text-muted-foreground md:hidden">
                          {app.corp_id} · {app.agent_id}
                        </code>
                      </span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs md:table-cell">{app.corp_id}</TableCell>
                  <TableCell className="hidden font-mono text-xs md:table-cell">{app.agent_id}</TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <Recipients app={app} />
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    {app.secret_set ? (
                      <Badge variant="secondary">
                        <KeyRoundIcon aria-hidden />
                        {t("channels.signSet")}
                      </Badge>
                    ) : (
                      <span className="text-xs text-muted-foreground">{t("channels.signUnset")}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    {app.is_enabled ? (
                      <Badge variant="success">{t("channels.enabled")}</Badge>
                    ) : (
                      <Badge variant="outline" className="text-muted-foreground">
                        {t("channels.disabled")}
                      </Badge>
                    )}
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="text-right">
                      {mayChange(app) ? (
                        <RowActions
                          label={`${t("channels.actions.more")} ${app.app_name}`}
                          actions={[
                            {
                              label: t("common.edit"),
                              icon: <PencilIcon aria-hidden />,
                              onSelect: () => setEditing({ app }),
                            },
                            {
                              label: t("common.delete"),
                              icon: <Trash2Icon aria-hidden />,
                              onSelect: () => {
                                remove.reset();
                                setDeleting(app);
                              },
                              destructive: true,
                            },
                          ]}
                        />
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </ListStates>

      <WecomAppFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        app={editing?.app ?? null}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("channels.wecomApps.remove.title", { name: deleting?.app_name ?? "" })}
        description={t("channels.wecomApps.remove.description")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}

function Recipients({ app }: { app: WecomApp }) {
  const t = useT();
  const rows = [
    { label: t("channels.wecomApps.recipients.user"), value: app.to_user },
    { label: t("channels.wecomApps.recipients.party"), value: app.to_party },
    { label: t("channels.wecomApps.recipients.tag"), value: app.to_tag },
  ].filter((r) => r.value);
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      {rows.map((r) => (
        <span key={r.label} className="truncate">
          <span className="mr-1 text-muted-foreground">{r.label}</span>
          <code className="font-mono">{r.value}</code>
        </span>
      ))}
    </div>
  );
}
