"use client";

import * as React from "react";
import { useQueryClient, type QueryFilters } from "@tanstack/react-query";
import { FormProvider, type FieldValues, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, FormError } from "@/components/ui/form";
import { useLocale, useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { DialogFrame } from "./dialog-frame";
import { ShownFields } from "./fields";
import { applyServerError, useZodForm } from "./use-zod-form";

type Props<TIn extends FieldValues, TOut extends FieldValues> = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A shared schema from lib/schemas (or one built from it for the form's extra fields). */
  schema: z.ZodType<TOut, TIn>;
  /** The values the form starts from each time it opens. */
  defaults: TIn;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Resolves on success (then the dialog closes); throws the server's refusal. */
  onSubmit: (values: TOut, form: UseFormReturn<TIn, unknown, TOut>) => Promise<unknown>;
  /** Queries refetched after a success, before the dialog closes (the list shows the change). */
  invalidate?: QueryFilters | QueryFilters[];
  /** Success toast; none when omitted. */
  success?: string | ((result: unknown) => string);
  submitLabel?: string;
  /** The fields; a function gets the form (to watch a value). */
  children: React.ReactNode | ((form: UseFormReturn<TIn, unknown, TOut>) => React.ReactNode);
  className?: string;
  /** `data-form-dialog` for tests. */
  id?: string;
};

/**
 * The console's one form dialog (react-hook-form + zod). It never fails silently: a refusal
 * puts its field errors on the fields, the rest in a banner, and a toast; invalid input marks
 * the fields, and errors on fields the form does not show go to the banner. The form is made
 * fresh per opening, from `defaults`. Usage in components/README.md.
 */
export function FormDialog<TIn extends FieldValues, TOut extends FieldValues>(props: Props<TIn, TOut>) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      {props.open ? <FormDialogBody {...props} /> : null}
    </Dialog>
  );
}

function FormDialogBody<TIn extends FieldValues, TOut extends FieldValues>({
  onOpenChange,
  schema,
  defaults,
  title,
  description,
  onSubmit,
  invalidate,
  success,
  submitLabel,
  children,
  className,
  id,
}: Props<TIn, TOut>) {
  const t = useT();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [shown] = React.useState(() => new Set<string>());
  const form = useZodForm(schema, { defaultValues: defaults as never });
  const formId = React.useId();
  const pending = form.formState.isSubmitting;

  const submit = (e: React.FormEvent<HTMLFormElement>) =>
    void form.handleSubmit(
      async (values) => {
        form.clearErrors("root.server");
        let result: unknown;
        try {
          result = await onSubmit(values, form);
        } catch (error) {
          const text = applyServerError(form as never, error, locale, shown);
          toast.error(t("kit.saveFailed", { reason: text }));
          return;
        }
        for (const f of invalidate === undefined ? [] : Array.isArray(invalidate) ? invalidate : [invalidate])
          await queryClient.invalidateQueries(f);
        if (success) toast.success(typeof success === "function" ? success(result) : success);
        onOpenChange(false);
      },
      (errors) => {
        const hidden = Object.entries(errors).filter(([k]) => k !== "root" && !shown.has(k));
        form.setError("root.server", {
          type: "client",
          message: hidden.length
            ? hidden.map(([k, e]) => `${k}：${String((e as { message?: string })?.message ?? "")}`).join("；")
            : t("kit.fixFields"),
        });
      },
    )(e);

  const banner = form.formState.errors.root?.server?.message;
  return (
    <DialogFrame
      className={cn("max-h-[90dvh] overflow-y-auto", className)}
      data-form-dialog={id}
      busy={pending}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? t("common.saving") : (submitLabel ?? t("common.save"))}
          </Button>
        </>
      }
    >
      <ShownFields.Provider value={shown}>
        <FormProvider {...(form as unknown as UseFormReturn<FieldValues>)}>
          <Form id={formId} onSubmit={submit}>
            {typeof children === "function" ? children(form) : children}
            {banner ? <FormError>{banner}</FormError> : null}
          </Form>
        </FormProvider>
      </ShownFields.Provider>
    </DialogFrame>
  );
}
