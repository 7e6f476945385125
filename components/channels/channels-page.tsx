"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { BellRingIcon, PencilIcon, SendIcon, Trash2Icon } from "lucide-react";

import { shortenUrl } from "@/components/admin/format";
import { tenantColumns } from "@/components/admin/tenant-column";
import {
  actionsColumn,
  buttonColumn,
  ListToolbar,
  TablePage,
  useDialogState,
  useListState,
} from "@/components/data-table";
import { RowDialog } from "@/components/forms";
import { formatSort } from "@/components/data-table/use-list-state";
import { useMe } from "@/components/shell/me-context";
import { CHANNEL_TYPES } from "@/lib/schemas/channel";
import { parseAsString } from "nuqs";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { ChannelDeleteDialog } from "./channel-delete-dialog";
import { DefaultAlertChannel } from "./default-alert-channel";
import { ChannelFormDialog } from "./channel-form-dialog";
import { ChannelTestDialog } from "./channel-test-dialog";
import { ChannelTypeBadge } from "./channel-type-badge";
import { EnabledBadge, SecretSetBadge } from "./state-badges";
import type { Channel } from "./types";

const FILTERS = { type: parseAsString };
/** The columns the server sorts by (their column ids). */
const SORTS = ["name", "type"];

/** /channels: the group robots of the current scope, with create/edit/test/delete. */
export function ChannelsPage() {
  const t = useT();
  const trpc = useTRPC();
  const { canWrite, scope } = useMe();
  const list = useListState({ filters: FILTERS });
  const type = CHANNEL_TYPES.find((x) => x === list.filters.type);
  const sort = formatSort(list.sorting);
  const query = useQuery({
    ...trpc.channels.list.queryOptions({
      page: list.page,
      page_size: list.pageSize,
      channel_type: type,
      sort: SORTS.includes(sort.split(".")[0]!) ? sort : undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const editing = useDialogState<Channel>();
  const edit = editing.edit;
  const [testing, setTesting] = React.useState<Channel | null>(null);
  const [deleting, setDeleting] = React.useState<Channel | null>(null);

  const columns = React.useMemo((): ColumnDef<Channel, unknown>[] => {
    const cols: (ColumnDef<Channel, unknown> | false)[] = [
      {
        id: "name",
        header: t("channels.col.name"),
        // An accessor makes TanStack offer the sort; the server does the sorting.
        accessorFn: (c) => c.channel_name,
        enableSorting: true,
        meta: { label: t("channels.col.name"), className: "max-w-[14rem]" },
        cell: ({ row: { original: c } }) => (
          <div className="flex min-w-0 flex-col gap-1">
            <span className="truncate font-medium">{c.channel_name}</span>
            <span className="flex items-center gap-2 sm:hidden">
              <ChannelTypeBadge type={c.channel_type} />
            </span>
            {c.description ? (
              <span className="truncate text-xs text-muted-foreground xl:hidden">{c.description}</span>
            ) : null}
          </div>
        ),
      },
      {
        id: "type",
        header: t("channels.col.type"),
        accessorFn: (c) => c.channel_type,
        enableSorting: true,
        meta: { hideBelow: "sm" },
        cell: ({ row }) => <ChannelTypeBadge type={row.original.channel_type} />,
      },
      ...tenantColumns<Channel>(scope.type === "platform", {
        header: t("channels.col.tenant"),
        tenant: (c) => c.tenant_id,
        hideBelow: "lg",
      }),
      {
        id: "webhook",
        header: t("channels.col.webhook"),
        meta: { hideBelow: "md" },
        cell: ({ row }) => (
          <code
            className="font-mono text-xs break-all text-muted-foreground"
            title={row.original.webhook_url}
          >
            {shortenUrl(row.original.webhook_url, 40)}
          </code>
        ),
      },
      {
        id: "sign",
        header: t("channels.col.sign"),
        meta: { hideBelow: "md" },
        cell: ({ row: { original: c } }) =>
          c.channel_type !== "dingtalk_bot" ? (
            <span className="text-xs text-muted-foreground">—</span>
          ) : (
            <SecretSetBadge set={c.sign_secret_set} />
          ),
      },
      {
        id: "enabled",
        header: t("channels.col.enabled"),
        cell: ({ row }) => <EnabledBadge enabled={row.original.is_enabled} />,
      },
      {
        id: "description",
        header: t("channels.col.description"),
        meta: { hideBelow: "xl", className: "max-w-[16rem] truncate text-muted-foreground" },
        cell: ({ row }) => row.original.description || "—",
      },
      canWrite &&
        buttonColumn<Channel>("test", t("channels.actions.test"), {
          icon: <SendIcon aria-hidden />,
          name: (c) => c.channel_name,
          onClick: setTesting,
        }),
      canWrite &&
        actionsColumn<Channel>(t("common.actions"), (c) => ({
          label: `${t("channels.actions.more")} ${c.channel_name}`,
          actions: [
            {
              label: t("channels.actions.edit"),
              icon: <PencilIcon aria-hidden />,
              onSelect: () => edit(c),
            },
            {
              label: t("channels.actions.delete"),
              icon: <Trash2Icon aria-hidden />,
              onSelect: () => setDeleting(c),
              destructive: true,
            },
          ],
        })),
    ];
    return cols.filter((c): c is ColumnDef<Channel, unknown> => !!c);
  }, [t, scope.type, canWrite, edit]);

  return (
    <TablePage
      words="channels"
      icon={<BellRingIcon />}
      onCreate={canWrite ? editing.create : undefined}
      readOnly={canWrite ? null : t("channels.readOnly")}
      id="channels"
      columns={columns}
      rows={query.data?.items}
      total={query.data?.total}
      query={query}
      list={list}
      getRowId={(c) => String(c.id)}
      toolbar={
        <ListToolbar
          list={list}
          filters={[
            {
              key: "type",
              label: t("channels.col.type"),
              options: CHANNEL_TYPES.map((x) => ({ value: x, label: t(`channels.typeLong.${x}`) })),
            },
          ]}
        />
      }
    >
      {scope.type === "tenant" && (query.data?.total ?? 0) > 0 ? (
        <DefaultAlertChannel canWrite={canWrite} />
      ) : null}
      <ChannelFormDialog open={editing.open} onOpenChange={editing.onOpenChange} channel={editing.row} />
      <RowDialog row={testing} rowKey={(c) => c.id} onOpenChange={(o) => !o && setTesting(null)}>
        {(c) => <ChannelTestDialog channel={c} onClose={() => setTesting(null)} />}
      </RowDialog>
      {/* Remounted per channel so an earlier refusal is not shown for another one. */}
      <ChannelDeleteDialog
        key={deleting?.id ?? "none"}
        channel={deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
      />
    </TablePage>
  );
}
