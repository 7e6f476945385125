"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";

import { GLOBAL_TENANT, TenantField } from "@/components/admin/tenant-select";
import { type DialogState } from "@/components/data-table";
import { CodeField, FieldPair, FormDialog, SecretField, SwitchField, TextField } from "@/components/forms";
import { useMe } from "@/components/shell/me-context";
import { ZCreateWecomAppInput, ZUpdateWecomAppInput } from "@/lib/schemas/wecom-app";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import type { WecomApp } from "./types";

/** An edit may leave the write-only secret empty: the stored one is kept. */
const ZEditForm = ZUpdateWecomAppInput.extend({
  secret: ZUpdateWecomAppInput.shape.secret.or(z.literal("")),
});
type Draft = z.input<typeof ZCreateWecomAppInput>;
type Values = z.output<typeof ZCreateWecomAppInput>;

/** Create (app = null) or edit a WeCom application; its secret is write-only. */
export function WecomAppFormDialog({ dialog }: { dialog: DialogState<WecomApp> }) {
  const app = dialog.row;
  const t = useT();
  const trpc = useTRPC();
  const { scope } = useMe();
  const create = useMutation(trpc.wecomApps.create.mutationOptions());
  const update = useMutation(trpc.wecomApps.update.mutationOptions());
  const defaults: Draft = {
    app_name: app?.app_name ?? "",
    corp_id: app?.corp_id ?? "",
    agent_id: app ? String(app.agent_id) : "",
    secret: "",
    to_user: app?.to_user ?? "",
    to_party: app?.to_party ?? "",
    to_tag: app?.to_tag ?? "",
    is_enabled: app?.is_enabled ?? true,
    tenant_id: scope.type === "tenant" ? scope.tenantId : GLOBAL_TENANT,
  };

  async function save({ tenant_id, secret, ...v }: Values) {
    const fields = {
      ...v,
      to_user: v.to_user || null,
      to_party: v.to_party || null,
      to_tag: v.to_tag || null,
    };
    return app
      ? await update.mutateAsync({ id: app.id, data: { ...fields, secret: secret || undefined } })
      : await create.mutateAsync({
          ...fields,
          secret,
          tenant_id: tenant_id === GLOBAL_TENANT ? null : tenant_id,
        });
  }

  return (
    <FormDialog
      id="wecom-app"
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      invalidate={trpc.wecomApps.pathFilter()}
      schema={(app ? ZEditForm : ZCreateWecomAppInput) as z.ZodType<Values, Draft>}
      defaults={defaults}
      title={app ? t("channels.wecomApps.form.editTitle") : t("channels.wecomApps.form.createTitle")}
      description={t("channels.wecomApps.form.description")}
      className="sm:max-w-xl"
      onSubmit={save}
      success={(saved) =>
        t(app ? "channels.wecomApps.form.updated" : "channels.wecomApps.form.created", {
          name: (saved as WecomApp).app_name,
        })
      }
    >
      {!app && scope.type === "platform" ? (
        <TenantField
          label={t("channels.wecomApps.form.tenant")}
          fallback={GLOBAL_TENANT}
          allowGlobal
          globalLabel={t("channels.wecomApps.form.tenantGlobal")}
          aria-label={t("channels.wecomApps.form.tenant")}
        />
      ) : null}
      <TextField name="app_name" label={t("channels.wecomApps.form.name")} autoComplete="off" counter={100} />
      <FieldPair>
        <CodeField name="corp_id" label={t("channels.wecomApps.form.corpId")} />
        <CodeField name="agent_id" label={t("channels.wecomApps.form.agentId")} inputMode="numeric" />
      </FieldPair>
      <SecretField
        name="secret"
        label={t("channels.wecomApps.form.secret")}
        placeholder={app?.secret_set ? t("channels.wecomApps.form.secretKeep") : undefined}
      />
      <CodeField
        name="to_user"
        label={t("channels.wecomApps.form.toUser")}
        description={t("channels.wecomApps.form.toUserHint")}
        placeholder="@all"
      />
      <FieldPair>
        <CodeField
          name="to_party"
          label={t("channels.wecomApps.form.toParty")}
          description={t("channels.wecomApps.form.toPartyHint")}
        />
        <CodeField
          name="to_tag"
          label={t("channels.wecomApps.form.toTag")}
          description={t("channels.wecomApps.form.toTagHint")}
        />
      </FieldPair>
      <SwitchField name="is_enabled" label={t("channels.wecomApps.form.enabled")} />
    </FormDialog>
  );
}
