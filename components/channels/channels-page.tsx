"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { BellRingIcon, KeyRoundIcon, PencilIcon, PlusIcon, SendIcon, Trash2Icon } from "lucide-react";

import { shortenUrl } from "@/components/admin/format";
import { ListStates } from "@/components/admin/list-states";
import { ReadOnlyNote } from "@/components/admin/read-only-note";
import { RowActions } from "@/components/admin/row-actions";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataPagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ChannelDeleteDialog } from "./channel-delete-dialog";
import { ChannelFormDialog } from "./channel-form-dialog";
import { ChannelTestDialog } from "./channel-test-dialog";
import { ChannelTypeBadge } from "./channel-type-badge";
import type { Channel } from "./types";

const PAGE_SIZE = 20;

/** /channels: the group robots of the current scope, with create/edit/test/delete. */
export function ChannelsPage() {
  const t = useT();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  const [page, setPage] = React.useState(1);
  const query = useQuery(trpc.channels.list.queryOptions({ page, page_size: PAGE_SIZE }));
  const [editing, setEditing] = React.useState<{ channel: Channel | null } | null>(null);
  const [testing, setTesting] = React.useState<Channel | null>(null);
  const [deleting, setDeleting] = React.useState<Channel | null>(null);
  const showTenant = scope.type === "platform";

  const createButton = canWrite ? (
    <Button onClick={() => setEditing({ channel: null })}>
      <PlusIcon aria-hidden />
      {t("channels.create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("channels.title")}
        description={t("channels.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("channels.readOnly")}</ReadOnlyNote> : null}
      <ListStates
        query={query}
        isEmpty={query.data?.total === 0}
        empty={{
          icon: <BellRingIcon />,
          title: t("channels.emptyTitle"),
          description: t("channels.emptyHint"),
          action: createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("channels.col.name")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("channels.col.type")}</TableHead>
                {showTenant ? (
                  <TableHead className="hidden lg:table-cell">{t("channels.col.tenant")}</TableHead>
                ) : null}
                <TableHead className="hidden md:table-cell">{t("channels.col.webhook")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("channels.col.sign")}</TableHead>
                <TableHead>{t("channels.col.enabled")}</TableHead>
                <TableHead className="hidden xl:table-cell">{t("channels.col.description")}</TableHead>
                {canWrite ? <TableHead className="w-0 text-right">{t("common.actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.items.map((channel) => (
                <TableRow key={channel.id}>
                  <TableCell className="max-w-[14rem]">
                    <div className="flex min-w-0 flex-col gap-1">
                      <span className="truncate font-medium">{channel.channel_name}</span>
                      {/* On phones the type and description move under the name. */}
                      <span className="flex items-center gap-2 sm:hidden">
                        <ChannelTypeBadge type={channel.channel_type} />
                        {channel.sign_secret_set ? (
                          <KeyRoundIcon
                            className="size-3.5 text-muted-foreground"
                            aria-label={t("channels.col.sign")}
                          />
                        ) : null}
                      </span>
                      {channel.description ? (
                        <span className="truncate text-xs text-muted-foreground xl:hidden">
                          {channel.description}
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <ChannelTypeBadge type={channel.channel_type} />
                  </TableCell>
                  {showTenant ? (
                    <TableCell className="hidden font-mono text-xs lg:table-cell">
                      {channel.tenant_id}
                    </TableCell>
                  ) : null}
                  <TableCell className="hidden md:table-cell">
                    <Tooltip>
                      <TooltipTrigger asChild>
                        <code className="cursor-default font-mono text-xs text-muted-foreground">
                          {shortenUrl(channel.webhook_url, 40)}
                        </code>
                      </TooltipTrigger>
                      <TooltipContent className="max-w-md break-all">
                        {shortenUrl(channel.webhook_url, 120)}
                      </TooltipContent>
                    </Tooltip>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    {channel.sign_secret_set ? (
                      <Badge variant="secondary">
                        <KeyRoundIcon aria-hidden />
                        {t("channels.signSet")}
                      </Badge>
                    ) : (
                      <span className="text-xs text-muted-foreground">{t("channels.signUnset")}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    {channel.is_enabled ? (
                      <Badge variant="success">{t("channels.enabled")}</Badge>
                    ) : (
                      <Badge variant="outline" className="text-muted-foreground">
                        {t("channels.disabled")}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="hidden max-w-[16rem] truncate text-muted-foreground xl:table-cell">
                    {channel.description || "—"}
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="text-right">
                      <div className="flex items-center justify-end gap-1">
                        <Button
                          variant="outline"
                          size="sm"
                          onClick={() => setTesting(channel)}
                          aria-label={`${t("channels.actions.test")} ${channel.channel_name}`}
                        >
                          <SendIcon aria-hidden />
                          <span className="hidden sm:inline">{t("channels.actions.test")}</span>
                        </Button>
                        <RowActions
                          label={`${t("channels.actions.more")} ${channel.channel_name}`}
                          actions={[
                            {
                              label: t("channels.actions.edit"),
                              icon: <PencilIcon aria-hidden />,
                              onSelect: () => setEditing({ channel }),
                            },
                            {
                              label: t("channels.actions.delete"),
                              icon: <Trash2Icon aria-hidden />,
                              onSelect: () => setDeleting(channel),
                              destructive: true,
                            },
                          ]}
                        />
                      </div>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        {query.data ? (
          <DataPagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onPageChange={setPage} />
        ) : null}
      </ListStates>

      <ChannelFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        channel={editing?.channel ?? null}
      />
      <ChannelTestDialog channel={testing} onOpenChange={(o) => !o && setTesting(null)} />
      {/* Remounted per channel so an earlier refusal is not shown for another one. */}
      <ChannelDeleteDialog
        key={deleting?.id ?? "none"}
        channel={deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
      />
    </div>
  );
}
