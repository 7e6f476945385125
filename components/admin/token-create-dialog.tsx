"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TriangleAlertIcon } from "lucide-react";
import { toast } from "sonner";

import { useMe } from "@/components/shell/me-context";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field, FieldControl, FieldLabel, FieldMessage, Form, FormError } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { CopyButton } from "./copy-button";
import { TenantSelect } from "./tenant-select";

const PLATFORM = "__platform__";
const EXPIRY_DAYS = ["30", "90", "365", "forever"] as const;
type TokenRole = "platform_admin" | "tenant_admin" | "viewer";

/** Creates a token, then shows the plain token exactly once with a copy button. */
function TokenCreateBody({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { scope } = useMe();
  const [name, setName] = React.useState("");
  const [target, setTarget] = React.useState<string>(scope.type === "tenant" ? scope.tenantId : PLATFORM);
  const [role, setRole] = React.useState<TokenRole>(
    scope.type === "tenant" ? "tenant_admin" : "platform_admin",
  );
  const [expiry, setExpiry] = React.useState<(typeof EXPIRY_DAYS)[number]>("90");
  const [nameError, setNameError] = React.useState<string>();
  const [created, setCreated] = React.useState<{ token: string; name: string } | null>(null);

  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (res) => {
        setCreated({ token: res.token, name: res.apiToken.name });
        toast.success(t("admin.tokens.created", { name: res.apiToken.name }));
        await queryClient.invalidateQueries(trpc.tokens.pathFilter());
      },
    }),
  );

  const isPlatformToken = scope.type === "platform" && target === PLATFORM;
  const roles: TokenRole[] = isPlatformToken ? ["platform_admin", "viewer"] : ["tenant_admin", "viewer"];
  const server = create.error ? fieldErrors(create.error, t) : {};

  function changeTarget(value: string) {
    setTarget(value);
    setRole(value === PLATFORM ? "platform_admin" : "tenant_admin");
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setNameError(t("common.required"));
    create.mutate({
      name: name.trim(),
      role,
      tenant_id: scope.type === "tenant" ? undefined : isPlatformToken ? null : target,
      expires_in_days: expiry === "forever" ? undefined : Number(expiry),
    });
  }

  if (created) {
    return (
      // A click outside must not lose the only copy of the token.
      <DialogContent onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{t("admin.tokens.createdTitle")}</DialogTitle>
          <DialogDescription>{created.name}</DialogDescription>
        </DialogHeader>
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm"
        >
          <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{t("admin.tokens.createdWarning")}</span>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <code
            data-testid="new-token"
            className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all select-all"
          >
            {created.token}
          </code>
          <CopyButton value={created.token} />
        </div>
        <DialogFooter>
          <Button onClick={() => onOpenChange(false)}>{t("admin.tokens.done")}</Button>
        </DialogFooter>
      </DialogContent>
    );
  }

  return (
    <DialogContent
      onInteractOutside={(e) => create.isPending && e.preventDefault()}
      onEscapeKeyDown={(e) => create.isPending && e.preventDefault()}
    >
      <DialogHeader>
        <DialogTitle>{t("admin.tokens.createTitle")}</DialogTitle>
        <DialogDescription>{t("admin.tokens.description")}</DialogDescription>
      </DialogHeader>
      <Form onSubmit={submit} id="token-form">
        <Field error={nameError ?? server.name}>
          <FieldLabel>{t("admin.tokens.name")}</FieldLabel>
          <FieldControl>
            <Input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(undefined);
              }}
              placeholder={t("admin.tokens.namePlaceholder")}
              maxLength={100}
              autoComplete="off"
            />
          </FieldControl>
          <FieldMessage />
        </Field>
        {scope.type === "platform" ? (
          <Field error={server.tenant_id}>
            <FieldLabel>{t("admin.tokens.tokenTenant")}</FieldLabel>
            <FieldControl>
              <TenantSelect
                value={target}
                onChange={changeTarget}
                extraOptions={[{ value: PLATFORM, label: t("admin.tokens.platformToken") }]}
              />
            </FieldControl>
            <FieldMessage />
          </Field>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field error={server.role}>
            <FieldLabel>{t("admin.tokens.role")}</FieldLabel>
            <FieldControl>
              <Select value={role} onValueChange={(v) => setRole(v as TokenRole)}>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {roles.map((r) => (
                    <SelectItem key={r} value={r}>
                      {t(`common.roles.${r}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FieldControl>
            <FieldMessage />
          </Field>
          <Field error={server.expires_in_days}>
            <FieldLabel>{t("admin.tokens.expiresIn")}</FieldLabel>
            <FieldControl>
              <Select value={expiry} onValueChange={(v) => setExpiry(v as (typeof EXPIRY_DAYS)[number])}>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {EXPIRY_DAYS.map((d) => (
                    <SelectItem key={d} value={d}>
                      {d === "forever" ? t("admin.tokens.forever") : t("admin.tokens.days", { days: d })}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FieldControl>
            <FieldMessage />
          </Field>
        </div>
        {create.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(create.error, t)}</FormError>
        ) : null}
      </Form>
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={create.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" form="token-form" disabled={create.isPending}>
          {create.isPending ? t("common.saving") : t("common.create")}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

/** Mounts a fresh form per opening; closing discards the shown token for good. */
export function TokenCreateDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open ? <TokenCreateBody onOpenChange={onOpenChange} /> : null}
    </Dialog>
  );
}
