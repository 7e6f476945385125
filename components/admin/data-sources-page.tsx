"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  DatabaseIcon,
  GlobeIcon,
  PencilIcon,
  PlusIcon,
  RefreshCwIcon,
  ShieldCheckIcon,
  Trash2Icon,
  UsersIcon,
  XIcon,
} from "lucide-react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { RowActions } from "@/components/data-table/row-actions";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Field,
  FieldControl,
  FieldDescription,
  FieldLabel,
  FieldMessage,
  Form,
  FormError,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import type { DataSourceSummary } from "@/server/services/data-sources";
import { ForbiddenState } from "./forbidden-state";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { GLOBAL_TENANT, TenantSelect } from "./tenant-select";

/** /data-sources: platform admins only, from the platform view. */
export function DataSourcesPage() {
  const t = useT();
  const { me, scope } = useMe();
  const { switchTo, pending } = useSwitchTenant();
  if (!me.isPlatformAdmin) return <ForbiddenState />;
  if (scope.type !== "platform") {
    return (
      <div className="flex flex-col gap-5">
        <PageHeader title={t("dataSources.title")} description={t("dataSources.description")} />
        <EmptyState
          icon={<GlobeIcon />}
          title={t("dataSources.platformViewNeeded")}
          action={
            <Button onClick={() => switchTo(null)} disabled={pending}>
              {t("dataSources.switchToPlatform")}
            </Button>
          }
        />
      </div>
    );
  }
  return <DataSourcesAdmin />;
}

function DataSourcesAdmin() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.dataSources.list.queryOptions());
  const [editing, setEditing] = React.useState<{ source: DataSourceSummary | null } | null>(null);
  const [granting, setGranting] = React.useState<number | null>(null);
  const [deleting, setDeleting] = React.useState<DataSourceSummary | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.dataSources.pathFilter());
  const remove = useMutation(
    trpc.dataSources.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast.success(t("dataSources.removed", { name: deleting?.name ?? "" }));
        setDeleting(null);
      },
    }),
  );
  const recheck = useMutation(
    trpc.dataSources.recheck.mutationOptions({
      onSuccess: async (row) => {
        await invalidate();
        toast.success(t("dataSources.rechecked", { name: row.name }));
      },
      onError: (err) => toast.error(errorMessage(err, t)),
    }),
  );
  const grantingSource = query.data?.find((s) => s.id === granting) ?? null;

  const createButton = (
    <Button onClick={() => setEditing({ source: null })}>
      <PlusIcon aria-hidden />
      {t("dataSources.create")}
    </Button>
  );

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("dataSources.title")}
        description={t("dataSources.description")}
        actions={createButton}
      />
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{
          icon: <DatabaseIcon />,
          title: t("dataSources.emptyTitle"),
          description: t("dataSources.emptyHint"),
          action: createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("dataSources.name")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("dataSources.target")}</TableHead>
                <TableHead>{t("dataSources.check")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("dataSources.grants")}</TableHead>
                <TableHead className="w-0 text-right">{t("common.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((source) => (
                <TableRow key={source.id}>
                  <TableCell className="max-w-[16rem]">
                    <div className="flex min-w-0 flex-col gap-0.5">
                      <span className="flex items-center gap-2">
                        <code className="truncate font-mono font-medium">{source.name}</code>
                        {!source.is_enabled ? (
                          <Badge variant="outline">{t("dataSources.disabledBadge")}</Badge>
                        ) : null}
                      </span>
                      {source.description ? (
                        <span className="truncate text-xs text-muted-foreground">{source.description}</span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs text-muted-foreground md:table-cell">
                    {source.target}
                  </TableCell>
                  <TableCell className="max-w-[22rem]">
                    <div className="flex flex-col gap-1">
                      <span>
                        {source.check_ok ? (
                          <Badge variant="secondary">
                            <ShieldCheckIcon aria-hidden />
                            {t("dataSources.checkOk")}
                          </Badge>
                        ) : (
                          <Badge variant="destructive">{t("dataSources.checkFailed")}</Badge>
                        )}
                      </span>
                      {!source.check_ok && source.check_message ? (
                        <span className="text-xs break-words text-destructive">{source.check_message}</span>
                      ) : null}
                      {source.checked_at ? (
                        <span className="text-xs text-muted-foreground">
                          {t("dataSources.checkedAt", { time: formatDateTime(source.checked_at, locale) })}
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <div className="flex flex-wrap gap-1">
                      {source.grants.length === 0 ? (
                        <span className="text-xs text-muted-foreground">{t("dataSources.grantNone")}</span>
                      ) : (
                        source.grants.map((g) => (
                          <Badge key={g.tenant_id ?? ""} variant="outline" className="font-mono">
                            {g.tenant_id ?? t("dataSources.globalTasks")}
                            {g.is_default ? ` · ${t("dataSources.defaultBadge")}` : ""}
                          </Badge>
                        ))
                      )}
                    </div>
                  </TableCell>
                  <TableCell className="text-right">
                    <RowActions
                      label={`${t("common.actions")} ${source.name}`}
                      actions={[
                        {
                          label: t("dataSources.edit"),
                          icon: <PencilIcon aria-hidden />,
                          onSelect: () => setEditing({ source }),
                        },
                        {
                          label: t("dataSources.grants"),
                          icon: <UsersIcon aria-hidden />,
                          onSelect: () => setGranting(source.id),
                        },
                        {
                          label: t("dataSources.recheck"),
                          icon: <RefreshCwIcon aria-hidden />,
                          disabled: recheck.isPending,
                          onSelect: () => recheck.mutate({ id: source.id }),
                        },
                        {
                          label: t("common.delete"),
                          icon: <Trash2Icon aria-hidden />,
                          destructive: true,
                          onSelect: () => {
                            remove.reset();
                            setDeleting(source);
                          },
                        },
                      ]}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </ListStates>
      <Dialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)}>
        {editing ? (
          <DataSourceForm
            key={editing.source?.id ?? "new"}
            source={editing.source}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      <Dialog open={grantingSource !== null} onOpenChange={(o) => !o && setGranting(null)}>
        {grantingSource ? <GrantsDialog key={grantingSource.id} source={grantingSource} /> : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("dataSources.removeTitle", { name: deleting?.name ?? "" })}
        description={t("dataSources.removeHint")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}

function DataSourceForm({ source, onDone }: { source: DataSourceSummary | null; onDone: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = React.useState(source?.name ?? "");
  const [description, setDescription] = React.useState(source?.description ?? "");
  const [dsn, setDsn] = React.useState("");
  const [maxConnections, setMaxConnections] = React.useState(String(source?.max_connections ?? 4));
  const [enabled, setEnabled] = React.useState(source?.is_enabled ?? true);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const onSaved = async (row: DataSourceSummary) => {
    await queryClient.invalidateQueries(trpc.dataSources.pathFilter());
    toast.success(t("dataSources.saved", { name: row.name }));
    onDone();
  };
  const create = useMutation(trpc.dataSources.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.dataSources.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = source ? update : create;
  const server = mutation.error ? fieldErrors(mutation.error, t) : {};
  const shown = { ...server, ...errors };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name.trim()))
      next.name = t("dataSources.nameHint", { example: "name" });
    if (!source && !dsn.trim()) next.dsn = t("common.required");
    const max = Number(maxConnections);
    if (!Number.isInteger(max) || max < 1 || max > 50) next.max_connections = "1–50";
    if (Object.keys(next).length) return setErrors(next);
    setErrors({});
    const data = {
      name: name.trim(),
      description: description.trim() || null,
      max_connections: max,
      is_enabled: enabled,
      ...(dsn.trim() ? { dsn: dsn.trim() } : {}),
    };
    if (source) update.mutate({ id: source.id, data });
    else create.mutate({ ...data, dsn: dsn.trim() });
  }

  return (
    <DialogContent
      onInteractOutside={(e) => mutation.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => mutation.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {source ? t("dataSources.editTitle", { name: source.name }) : t("dataSources.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("dataSources.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="data-source-form">
        <Field error={shown.name}>
          <FieldLabel>{t("dataSources.name")}</FieldLabel>
          <FieldControl>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="font-mono"
              maxLength={64}
              autoComplete="off"
            />
          </FieldControl>
          <FieldDescription>{t("dataSources.nameHint", { example: name.trim() || "name" })}</FieldDescription>
          <FieldMessage />
        </Field>
        <Field error={shown.dsn}>
          <FieldLabel>{t("dataSources.dsn")}</FieldLabel>
          <FieldControl>
            <Input
              value={dsn}
              onChange={(e) => setDsn(e.target.value)}
              className="font-mono"
              type="password"
              placeholder={source ? source.target : "mysql://reader:password@127.0.0.1:3306/business"}
              autoComplete="off"
            />
          </FieldControl>
          <FieldDescription>
            {t("dataSources.dsnHint")}
            {source ? ` ${t("dataSources.dsnKeep")}` : ""}
          </FieldDescription>
          <FieldMessage />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.max_connections}>
            <FieldLabel>{t("dataSources.maxConnections")}</FieldLabel>
            <FieldControl>
              <Input
                value={maxConnections}
                onChange={(e) => setMaxConnections(e.target.value)}
                inputMode="numeric"
              />
            </FieldControl>
            <FieldDescription>{t("dataSources.maxConnectionsHint")}</FieldDescription>
            <FieldMessage />
          </Field>
          <Field error={shown.description}>
            <FieldLabel>{t("dataSources.descriptionLabel")}</FieldLabel>
            <FieldControl>
              <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={255} />
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <Label htmlFor="data-source-enabled">{t("dataSources.enabled")}</Label>
          <Switch id="data-source-enabled" checked={enabled} onCheckedChange={setEnabled} />
        </div>
        {mutation.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(mutation.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={onDone} disabled={mutation.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="data-source-form" disabled={mutation.isPending}>
          {mutation.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

function GrantsDialog({ source }: { source: DataSourceSummary }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tenant, setTenant] = React.useState<string | undefined>(undefined);
  const [isDefault, setIsDefault] = React.useState(true);
  const invalidate = () => queryClient.invalidateQueries(trpc.dataSources.pathFilter());
  const grant = useMutation(trpc.dataSources.grant.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.dataSources.revoke.mutationOptions({ onSuccess: invalidate }));
  const error = grant.error ?? revoke.error;
  const toTenant = (v: string) => (v === GLOBAL_TENANT ? null : v);

  return (
    <DialogContent>
      <DialogHeader>
        <DialogTitle>{t("dataSources.grantsTitle", { name: source.name })}</DialogTitle>
        <DialogDescription>{t("dataSources.grantsHint")}</DialogDescription>
      </DialogHeader>
      <ul className="flex flex-col divide-y rounded-md border">
        {source.grants.length === 0 ? (
          <li className="px-3 py-2 text-sm text-muted-foreground">{t("dataSources.grantNone")}</li>
        ) : (
          source.grants.map((g) => (
            <li key={g.tenant_id ?? ""} className="flex items-center justify-between gap-2 px-3 py-2">
              <span className="flex items-center gap-2">
                <code className="font-mono text-sm">{g.tenant_id ?? t("dataSources.globalTasks")}</code>
                {g.is_default ? <Badge variant="secondary">{t("dataSources.defaultBadge")}</Badge> : null}
              </span>
              <Button
                variant="ghost"
                size="sm"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ data_source_id: source.id, tenant_id: g.tenant_id })}
              >
                <XIcon aria-hidden />
                {t("dataSources.grantRemove")}
              </Button>
            </li>
          ))
        )}
      </ul>
      <div className="flex flex-col gap-3">
        <Label>{t("dataSources.grantTenant")}</Label>
        <TenantSelect
          value={tenant}
          onChange={setTenant}
          allowGlobal
          globalLabel={t("dataSources.globalTasks")}
          aria-label={t("dataSources.grantTenant")}
        />
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <Label htmlFor="grant-default">{t("dataSources.grantDefault")}</Label>
          <Switch id="grant-default" checked={isDefault} onCheckedChange={setIsDefault} />
        </div>
        {error ? <FormError>{errorMessage(error, t)}</FormError> : null}
      </div>
      <DialogFooter>
        <Button
          disabled={tenant === undefined || grant.isPending}
          onClick={() =>
            tenant !== undefined &&
            grant.mutate({ data_source_id: source.id, tenant_id: toTenant(tenant), is_default: isDefault })
          }
        >
          <PlusIcon aria-hidden />
          {t("dataSources.grantAdd")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
