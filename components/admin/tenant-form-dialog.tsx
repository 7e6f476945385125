"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
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
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { parseDates } from "./parse";
import type { TenantRow } from "./types";

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const asDates = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** Create (tenant = null: id, name, enabled) or edit a tenant, incl. its holiday adjustments. */
function TenantFormDialogBody({
  onOpenChange,
  tenant,
}: {
  onOpenChange: (open: boolean) => void;
  tenant: TenantRow | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [id, setId] = React.useState(tenant?.tenantId ?? "");
  const [name, setName] = React.useState(tenant?.name ?? "");
  const [enabled, setEnabled] = React.useState(tenant?.isEnabled ?? true);
  const [holidays, setHolidays] = React.useState(() => asDates(tenant?.extraHolidays).join("\n"));
  const [workdays, setWorkdays] = React.useState(() => asDates(tenant?.extraWorkdays).join("\n"));
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  const onSaved = async (savedName: string, created: boolean) => {
    // The tenant switcher lists tenants from me.get.
    await Promise.all([
      queryClient.invalidateQueries(trpc.tenants.pathFilter()),
      queryClient.invalidateQueries(trpc.me.pathFilter()),
    ]);
    toast.success(t(created ? "admin.tenants.created" : "admin.tenants.updated", { name: savedName }));
    onOpenChange(false);
  };
  const create = useMutation(
    trpc.tenants.create.mutationOptions({ onSuccess: (row) => onSaved(row.name, true) }),
  );
  const update = useMutation(
    trpc.tenants.update.mutationOptions({ onSuccess: (row) => onSaved(row.name, false) }),
  );
  const mutation = tenant ? update : create;

  const server = mutation.error ? fieldErrors(mutation.error, t) : {};
  const shown = { ...server, ...errors };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!tenant && !TENANT_ID.test(id.trim())) next.tenant_id = t("admin.tenants.idHint");
    if (!name.trim()) next.name = t("common.required");
    const h = parseDates(holidays);
    const w = parseDates(workdays);
    if ("bad" in h) next.extra_holidays = t("admin.tenants.badDate", { value: h.bad });
    if ("bad" in w) next.extra_workdays = t("admin.tenants.badDate", { value: w.bad });
    if (Object.keys(next).length) return setErrors(next);
    if (!tenant) return create.mutate({ tenant_id: id.trim(), name: name.trim(), is_enabled: enabled });
    update.mutate({
      tenant_id: tenant.tenantId,
      name: name.trim(),
      is_enabled: enabled,
      extra_holidays: "dates" in h ? h.dates : [],
      extra_workdays: "dates" in w ? w.dates : [],
    });
  }

  return (
    <DialogContent
      onInteractOutside={(e) => mutation.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => mutation.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {tenant ? t("admin.tenants.editTitle", { name: tenant.name }) : t("admin.tenants.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("admin.tenants.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="tenant-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={shown.tenant_id}>
            <FieldLabel>{t("admin.tenants.id")}</FieldLabel>
            <FieldControl>
              <Input
                value={id}
                onChange={(e) => setId(e.target.value)}
                readOnly={tenant !== null}
                className="font-mono"
                maxLength={50}
                autoComplete="off"
              />
            </FieldControl>
            {!tenant ? <FieldDescription>{t("admin.tenants.idHint")}</FieldDescription> : null}
            <FieldMessage />
          </Field>
          <Field error={shown.name}>
            <FieldLabel>{t("admin.tenants.name")}</FieldLabel>
            <FieldControl>
              <Input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={100}
                autoComplete="off"
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        <div className="flex items-center justify-between gap-4 rounded-md border px-3 py-2">
          <Label htmlFor="tenant-enabled">{t("admin.tenants.enabled")}</Label>
          <Switch id="tenant-enabled" checked={enabled} onCheckedChange={setEnabled} />
        </div>
        {tenant ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field error={shown.extra_holidays}>
              <FieldLabel>{t("admin.tenants.holidays")}</FieldLabel>
              <FieldControl>
                <Textarea
                  value={holidays}
                  onChange={(e) => setHolidays(e.target.value)}
                  rows={4}
                  className="font-mono text-xs md:text-xs"
                  placeholder="2026-05-06"
                />
              </FieldControl>
              <FieldMessage />
            </Field>
            <Field error={shown.extra_workdays}>
              <FieldLabel>{t("admin.tenants.workdays")}</FieldLabel>
              <FieldControl>
                <Textarea
                  value={workdays}
                  onChange={(e) => setWorkdays(e.target.value)}
                  rows={4}
                  className="font-mono text-xs md:text-xs"
                  placeholder="2026-10-11"
                />
              </FieldControl>
              <FieldMessage />
            </Field>
            <p className="text-xs text-muted-foreground sm:col-span-2">{t("admin.tenants.datesHint")}</p>
          </div>
        ) : null}
        {mutation.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(mutation.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={mutation.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="tenant-form" disabled={mutation.isPending}>
          {mutation.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function TenantFormDialog({
  open,
  onOpenChange,
  tenant,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tenant: TenantRow | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? (
        <TenantFormDialogBody key={tenant?.tenantId ?? "new"} onOpenChange={onOpenChange} tenant={tenant} />
      ) : null}
    </Dialog>
  );
}
