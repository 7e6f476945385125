"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import { CodeField, FieldPair, FormDialog, SwitchField, TextField, TextareaField } from "@/components/forms";
import { useT } from "@/lib/i18n/client";
import { ZCreateTenantInput, ZTenantForm, type TTenantFormValues } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import type { TenantRow } from "./types";

const asDates = (value: unknown): string =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").join("\n") : "";

type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

/** Both dialogs refresh the tenants list and the tenant switcher (which lists tenants from me.get). */
function useTenantQueries() {
  const trpc = useTRPC();
  return [trpc.tenants.pathFilter(), trpc.me.pathFilter()];
}

/** A new tenant: id (fixed afterwards), name, enabled. Holidays and quota are set by editing it. */
export function TenantCreateDialog({ open, onOpenChange }: DialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useTenantQueries();
  const create = useMutation(trpc.tenants.create.mutationOptions());
  return (
    <FormDialog
      id="tenant"
      open={open}
      onOpenChange={onOpenChange}
      schema={ZCreateTenantInput}
      defaults={{ tenant_id: "", name: "", is_enabled: true }}
      title={t("admin.tenants.createTitle")}
      description={t("admin.tenants.description")}
      onSubmit={(v) => create.mutateAsync(v)}
      invalidate={invalidate}
      success={(row) => t("admin.tenants.created", { name: (row as TenantRow).name })}
    >
      <FieldPair>
        <CodeField
          name="tenant_id"
          label={t("admin.tenants.id")}
          description={t("admin.tenants.idHint")}
          counter={50}
        />
        <TextField name="name" label={t("admin.tenants.name")} autoComplete="off" counter={100} />
      </FieldPair>
      <SwitchField name="is_enabled" label={t("admin.tenants.enabled")} />
    </FormDialog>
  );
}

/** Edit a tenant: name, enabled, holiday adjustments and its runs-in-flight quota. */
export function TenantEditDialog({ tenant, ...props }: DialogProps & { tenant: TenantRow | null }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useTenantQueries();
  const update = useMutation(trpc.tenants.update.mutationOptions());
  const quotaDefault = useQuery({ ...trpc.tenants.runQuotaDefault.queryOptions(), enabled: props.open });
  if (!tenant) return null;
  const defaults: TTenantFormValues = {
    tenant_id: tenant.tenantId,
    name: tenant.name,
    is_enabled: tenant.isEnabled,
    extra_holidays: asDates(tenant.extraHolidays),
    extra_workdays: asDates(tenant.extraWorkdays),
    max_concurrent_runs: tenant.maxConcurrentRuns == null ? "" : String(tenant.maxConcurrentRuns),
  };
  const fallback = quotaDefault.data?.max_concurrent_runs;
  return (
    <FormDialog
      id="tenant"
      {...props}
      schema={ZTenantForm}
      defaults={defaults}
      title={t("admin.tenants.editTitle", { name: tenant.name })}
      description={t("admin.tenants.description")}
      onSubmit={(v) => update.mutateAsync(v)}
      invalidate={invalidate}
      success={(row) => t("admin.tenants.updated", { name: (row as TenantRow).name })}
      className="sm:max-w-2xl"
    >
      <FieldPair>
        <CodeField name="tenant_id" label={t("admin.tenants.id")} readOnly />
        <TextField name="name" label={t("admin.tenants.name")} autoComplete="off" counter={100} />
      </FieldPair>
      <SwitchField name="is_enabled" label={t("admin.tenants.enabled")} />
      <TextField
        name="max_concurrent_runs"
        label={t("admin.tenants.quota")}
        description={
          fallback === undefined
            ? t("admin.tenants.quotaHintLoading")
            : t("admin.tenants.quotaHint", { default: fallback })
        }
        placeholder={fallback === undefined ? "" : t("admin.tenants.quotaPlaceholder", { default: fallback })}
        inputMode="numeric"
        autoComplete="off"
      />
      <FieldPair>
        <TextareaField
          name="extra_holidays"
          label={t("admin.tenants.holidays")}
          rows={4}
          className="[&_textarea]:font-mono [&_textarea]:text-xs"
          placeholder="2026-05-06"
        />
        <TextareaField
          name="extra_workdays"
          label={t("admin.tenants.workdays")}
          rows={4}
          className="[&_textarea]:font-mono [&_textarea]:text-xs"
          placeholder="2026-10-11"
        />
        <p className="text-xs text-muted-foreground sm:col-span-2">{t("admin.tenants.datesHint")}</p>
      </FieldPair>
    </FormDialog>
  );
}
