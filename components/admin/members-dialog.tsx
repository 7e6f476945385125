"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TriangleAlertIcon, UserMinusIcon, UserPlusIcon } from "lucide-react";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldControl, FieldLabel, FieldMessage, Form, FormError } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { CopyButton } from "./copy-button";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import type { MemberRow, TenantRow } from "./types";

type MemberRole = "tenant_admin" | "viewer";

/** A tenant's members: list, add (a new user's password is shown once), remove. */
function MembersDialogBody({ tenant }: { tenant: TenantRow }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenantId = tenant.tenantId;
  const members = useQuery(trpc.tenants.members.queryOptions({ tenant_id: tenantId }));
  const [email, setEmail] = React.useState("");
  const [name, setName] = React.useState("");
  const [role, setRole] = React.useState<MemberRole>("tenant_admin");
  const [emailError, setEmailError] = React.useState<string>();
  const [password, setPassword] = React.useState<{ email: string; password: string | null } | null>(null);
  const [removing, setRemoving] = React.useState<MemberRow | null>(null);

  const add = useMutation(
    trpc.tenants.addMember.mutationOptions({
      onSuccess: async (res) => {
        await queryClient.invalidateQueries(trpc.tenants.members.pathFilter());
        setPassword({ email: res.user.email, password: res.password });
        toast.success(t("admin.tenants.added", { email: res.user.email }));
        setEmail("");
        setName("");
      },
    }),
  );
  const remove = useMutation(
    trpc.tenants.removeMember.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.tenants.members.pathFilter());
        toast.success(t("admin.tenants.memberRemoved", { email: removing?.user.email ?? "" }));
        setRemoving(null);
      },
    }),
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) return setEmailError(t("admin.tenants.email"));
    setPassword(null);
    add.mutate({ email: email.trim(), name: name.trim() || undefined, role, tenant_id: tenantId });
  }

  const server = add.error ? fieldErrors(add.error, t) : {};

  return (
    <DialogContent className="sm:max-w-2xl">
      <DialogHeader>
        <DialogTitle>{t("admin.tenants.membersOf", { name: tenant.name })}</DialogTitle>
        <DialogDescription>{t("admin.tenants.membersHint")}</DialogDescription>
      </DialogHeader>

      <ListStates
        query={members}
        isEmpty={members.data?.length === 0}
        empty={{ title: t("admin.tenants.noMembers") }}
      >
        <ul className="divide-y rounded-md border">
          {members.data?.map((m) => (
            <li key={m.user.id} className="flex items-center gap-3 px-3 py-2 text-sm">
              <div className="flex min-w-0 flex-1 flex-col">
                <span className="truncate font-medium">{m.user.email}</span>
                <span className="truncate text-xs text-muted-foreground">
                  {m.user.name ? `${m.user.name} · ` : ""}
                  {t("admin.tenants.lastLogin")}{" "}
                  {m.user.lastLoginAt ? formatDateTime(m.user.lastLoginAt, locale) : t("admin.never")}
                </span>
              </div>
              <Badge variant="outline">{t(`common.roles.${m.role}`)}</Badge>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`${t("admin.tenants.removeMember")} ${m.user.email}`}
                onClick={() => {
                  remove.reset();
                  setRemoving(m);
                }}
              >
                <UserMinusIcon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      </ListStates>

      <Form onSubmit={submit} className="rounded-md border p-3">
        <p className="flex items-center gap-2 text-sm font-medium">
          <UserPlusIcon className="size-4" aria-hidden />
          {t("admin.tenants.addMember")}
        </p>
        <p className="text-xs text-muted-foreground">{t("admin.tenants.addMemberHint")}</p>
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
          <Field error={emailError ?? server.email}>
            <FieldLabel>{t("admin.tenants.email")}</FieldLabel>
            <FieldControl>
              <Input
                type="email"
                value={email}
                onChange={(e) => {
                  setEmail(e.target.value);
                  setEmailError(undefined);
                }}
                autoComplete="off"
              />
            </FieldControl>
            <FieldMessage />
          </Field>
          <Field>
            <FieldLabel>{t("admin.tenants.memberName")}</FieldLabel>
            <FieldControl>
              <Input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={100}
                autoComplete="off"
              />
            </FieldControl>
          </Field>
          <Field>
            <FieldLabel>{t("admin.tenants.role")}</FieldLabel>
            <FieldControl>
              <Select value={role} onValueChange={(v) => setRole(v as MemberRole)}>
                <SelectTrigger className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="tenant_admin">{t("common.roles.tenant_admin")}</SelectItem>
                  <SelectItem value="viewer">{t("common.roles.viewer")}</SelectItem>
                </SelectContent>
              </Select>
            </FieldControl>
          </Field>
        </div>
        {add.error && Object.keys(server).length === 0 ? (
          <FormError>{errorMessage(add.error, t)}</FormError>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" size="sm" disabled={add.isPending}>
            <UserPlusIcon aria-hidden />
            {add.isPending ? t("common.saving") : t("admin.tenants.addMember")}
          </Button>
        </div>
      </Form>

      {password ? (
        password.password ? (
          <div
            role="alert"
            className="flex flex-col gap-2 rounded-md border border-warning/40 bg-warning/15 px-3 py-2 text-sm"
          >
            <p className="flex items-start gap-2">
              <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
              {t("admin.tenants.passwordWarning", { email: password.email })}
            </p>
            <div className="flex items-center gap-2">
              <code
                data-testid="new-password"
                className="min-w-0 flex-1 rounded border bg-background px-2 py-1 font-mono break-all select-all"
              >
                {password.password}
              </code>
              <CopyButton value={password.password} />
            </div>
          </div>
        ) : (
          <p role="status" className="rounded-md border px-3 py-2 text-sm text-muted-foreground">
            {t("admin.tenants.existingUser", { email: password.email })}
          </p>
        )
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={t("admin.tenants.removeMemberTitle", { email: removing?.user.email ?? "" })}
        description={t("admin.tenants.removeMemberHint")}
        confirmLabel={t("admin.tenants.removeMember")}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error, t) : null}
        onConfirm={() => removing && remove.mutate({ user_id: removing.user.id, tenant_id: tenantId })}
      />
    </DialogContent>
  );
}

/** Mounts a fresh form per opening, so every opening starts from the row's current values. */
export function MembersDialog({
  tenant,
  onOpenChange,
}: {
  tenant: TenantRow | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={tenant !== null} onOpenChange={onOpenChange}>
      {tenant !== null ? <MembersDialogBody key={tenant.tenantId} tenant={tenant} /> : null}
    </Dialog>
  );
}
