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
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { parseJson } from "./parse";
import type { ScriptVarRow } from "./types";

/** Create or edit a task's variable as JSON text, validated before it is sent. */
function ScriptVarFormDialogBody({
  onOpenChange,
  taskId,
  variable,
}: {
  onOpenChange: (open: boolean) => void;
  taskId: number;
  variable: ScriptVarRow | null;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [key, setKey] = React.useState(variable?.key ?? "");
  const [text, setText] = React.useState(() => (variable ? JSON.stringify(variable.value, null, 2) : ""));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const save = useMutation(
    trpc.scriptVars.set.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries(trpc.scriptVars.pathFilter());
        toast.success(t("admin.vars.saved", { key: row.key }));
        onOpenChange(false);
      },
    }),
  );

  const parsed = text.trim() ? parseJson(text) : null;
  const server = save.error ? fieldErrors(save.error, t) : {};
  const shown = { ...server, ...errors };
  const jsonError = parsed && !parsed.ok ? t("admin.invalidJson", { message: parsed.message }) : undefined;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!key.trim()) next.key = t("common.required");
    if (!parsed) next.value = t("common.required");
    else if (!parsed.ok) next.value = t("admin.invalidJson", { message: parsed.message });
    if (Object.keys(next).length || !parsed?.ok) return setErrors(next);
    save.mutate({ task_id: taskId, key: key.trim(), value: parsed.value });
  }

  return (
    <DialogContent
      className="sm:max-w-xl"
      onInteractOutside={(e) => save.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => save.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>
          {variable ? t("admin.vars.editTitle", { key: variable.key }) : t("admin.vars.createTitle")}
        </DialogTitle>
        <DialogDescription>{t("admin.vars.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="script-var-form">
        <Field error={shown.key || shown.var_key}>
          <FieldLabel>{t("admin.vars.key")}</FieldLabel>
          <FieldControl>
            <Input
              value={key}
              onChange={(e) => setKey(e.target.value)}
              readOnly={variable !== null}
              className="font-mono"
              maxLength={100}
              autoComplete="off"
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        <Field error={shown.value || jsonError}>
          <FieldLabel>{t("admin.vars.value")}</FieldLabel>
          <FieldControl>
            <Textarea
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setErrors((x) => ({ ...x, value: "" }));
              }}
              rows={10}
              spellCheck={false}
              className="max-h-[50dvh] font-mono text-xs md:text-xs"
            />
          </FieldControl>
          <FieldDescription>{t("admin.vars.valueHint")}</FieldDescription>
          <FieldMessage />
        </Field>
        {save.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(save.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={save.isPending}>
          {t("common.cancel")}
        </Button>
        <Button
          type="submit"
          form="script-var-form"
          disabled={save.isPending || (parsed !== null && !parsed.ok)}
        >
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function ScriptVarFormDialog({
  open,
  onOpenChange,
  taskId,
  variable,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  taskId: number;
  variable: ScriptVarRow | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? (
        <ScriptVarFormDialogBody
          key={variable?.key ?? "new"}
          onOpenChange={onOpenChange}
          taskId={taskId}
          variable={variable}
        />
      ) : null}
    </Dialog>
  );
}
