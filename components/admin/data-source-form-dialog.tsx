"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";

import { type DialogState } from "@/components/data-table";
import { CodeField, FieldPair, FormDialog, SwitchField, TextField } from "@/components/forms";
import { useT } from "@/lib/i18n/client";
import { ZCreateDataSourceInput, ZDataSourceDsn, ZUpdateDataSourceInput } from "@/lib/schemas/data-source";
import { useTRPC } from "@/components/trpc/react";
import type { DataSourceSummary } from "@/server/services/data-sources";

/** An edit may leave the write-only DSN empty: the stored one is kept. */
const ZEditForm = ZUpdateDataSourceInput.extend({ dsn: ZDataSourceDsn.or(z.literal("")) });
type Draft = z.input<typeof ZCreateDataSourceInput>;
type Values = z.output<typeof ZCreateDataSourceInput>;

/** Register (source = null) or edit a data source; the server checks the user's grants on save. */
export function DataSourceFormDialog({ dialog }: { dialog: DialogState<DataSourceSummary> }) {
  const source = dialog.row;
  const t = useT();
  const trpc = useTRPC();
  const create = useMutation(trpc.dataSources.create.mutationOptions());
  const update = useMutation(trpc.dataSources.update.mutationOptions());
  const defaults: Draft = {
    name: source?.name ?? "",
    description: source?.description ?? "",
    dsn: "",
    max_connections: String(source?.max_connections ?? 4),
    is_enabled: source?.is_enabled ?? true,
  };

  async function save({ dsn, ...v }: Values) {
    const data = { ...v, description: v.description || null };
    return source
      ? await update.mutateAsync({ id: source.id, data: { ...data, dsn: dsn || undefined } })
      : await create.mutateAsync({ ...data, dsn });
  }

  return (
    <FormDialog
      id="data-source"
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      invalidate={trpc.dataSources.pathFilter()}
      schema={(source ? ZEditForm : ZCreateDataSourceInput) as z.ZodType<Values, Draft>}
      defaults={defaults}
      title={source ? t("dataSources.editTitle", { name: source.name }) : t("dataSources.createTitle")}
      description={t("dataSources.description")}
      onSubmit={save}
      success={(saved) => t("dataSources.saved", { name: (saved as DataSourceSummary).name })}
    >
      {(form) => (
        <>
          <CodeField
            name="name"
            label={t("dataSources.name")}
            description={t("dataSources.nameHint", { example: form.watch("name")?.trim() || "name" })}
            counter={64}
          />
          <CodeField
            name="dsn"
            label={t("dataSources.dsn")}
            description={`${t("dataSources.dsnHint")}${source ? ` ${t("dataSources.dsnKeep")}` : ""}`}
            type="password"
            placeholder={source ? source.target : "mysql://reader:password@127.0.0.1:3306/business"}
          />
          <FieldPair>
            <TextField
              name="max_connections"
              label={t("dataSources.maxConnections")}
              description={t("dataSources.maxConnectionsHint")}
              inputMode="numeric"
            />
            <TextField name="description" label={t("dataSources.descriptionLabel")} counter={255} />
          </FieldPair>
          <SwitchField name="is_enabled" label={t("dataSources.enabled")} />
        </>
      )}
    </FormDialog>
  );
}
