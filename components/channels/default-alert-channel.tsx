"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { FormProvider } from "react-hook-form";
import { SirenIcon } from "lucide-react";

import { SelectField } from "@/components/forms";
import { applyServerError, useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormError } from "@/components/ui/form";
import { Skeleton } from "@/components/ui/skeleton";
import { useLocale, useT } from "@/lib/i18n/client";
import { NO_ALERT_CHANNEL, ZDefaultAlertChannelForm } from "@/lib/schemas/ops";
import { useTRPC } from "@/components/trpc/react";

/**
 * The tenant's default alert channel: where failure alerts of tasks without alert channels of
 * their own go. Shown on /channels in a tenant's view (the platform view has no one tenant).
 */
export function DefaultAlertChannel({ canWrite }: { canWrite: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const current = useQuery(trpc.ops.defaultAlertChannel.queryOptions());
  const channels = useQuery(trpc.channels.list.queryOptions({ page: 1, page_size: 100 }));
  return (
    <Card data-slot="default-alert-channel">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <SirenIcon className="size-4" aria-hidden />
          {t("channels.defaultAlert.title")}
        </CardTitle>
        <CardDescription>{t("channels.defaultAlert.hint")}</CardDescription>
      </CardHeader>
      <CardContent>
        {current.data && channels.data ? (
          <DefaultAlertForm
            key={String(current.data.channel_id)}
            value={current.data.channel_id}
            options={channels.data.items.map((c) => ({
              value: String(c.id),
              label: c.is_enabled ? c.channel_name : `${c.channel_name}（${t("channels.disabled")}）`,
            }))}
            canWrite={canWrite}
          />
        ) : (
          <Skeleton className="h-9 w-full max-w-md" />
        )}
      </CardContent>
    </Card>
  );
}

function DefaultAlertForm({
  value,
  options,
  canWrite,
}: {
  value: number | null;
  options: { value: string; label: string }[];
  canWrite: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.ops.setDefaultAlertChannel.mutationOptions());
  const form = useZodForm(ZDefaultAlertChannelForm, {
    defaultValues: { channel_id: value === null ? NO_ALERT_CHANNEL : String(value) },
  });
  const submit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync({ channel_id: v.channel_id });
    } catch (error) {
      toast.error(applyServerError(form, error, locale, new Set(["channel_id"])));
      return;
    }
    await queryClient.invalidateQueries(trpc.ops.defaultAlertChannel.pathFilter());
    const name = options.find((o) => o.value === String(v.channel_id))?.label;
    toast.success(name ? t("channels.defaultAlert.saved", { name }) : t("channels.defaultAlert.cleared"));
  });
  const banner = form.formState.errors.root?.server?.message;
  return (
    <FormProvider {...form}>
      <Form onSubmit={(e) => void submit(e)} className="flex max-w-md flex-col gap-3">
        <SelectField
          name="channel_id"
          label={t("channels.defaultAlert.label")}
          disabled={!canWrite}
          options={[{ value: NO_ALERT_CHANNEL, label: t("channels.defaultAlert.none") }, ...options]}
        />
        {banner ? <FormError>{banner}</FormError> : null}
        {canWrite ? (
          <div>
            <Button type="submit" size="sm" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
              {form.formState.isSubmitting ? t("common.saving") : t("common.save")}
            </Button>
          </div>
        ) : null}
      </Form>
    </FormProvider>
  );
}
