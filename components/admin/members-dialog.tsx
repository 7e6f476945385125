"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { UserMinusIcon, UserPlusIcon, UsersIcon } from "lucide-react";

import { actionsColumn, DataTable, useConfirmAction } from "@/components/data-table";
import { DialogFrame, FormDialog, SelectField, TextField } from "@/components/forms";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useLocale, useT } from "@/lib/i18n/client";
import { ZCreateUserInput, type TCreateUserInput } from "@/lib/schemas/admin";
import { useTRPC } from "@/components/trpc/react";
import { ShownOnce } from "./copy-button";
import { formatDateTime } from "./format";
import type { MemberRow, TenantRow } from "./types";

type NewMember = { email: string; password: string | null };

/** A tenant's members: list, add (a new user's password is shown once), remove. */
/** A tenant's members: add, change role, remove. Goes in a RowDialog, fresh per tenant. */
export function MembersDialog({ tenant }: { tenant: TenantRow }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenantId = tenant.tenantId;
  const members = useQuery(trpc.tenants.members.queryOptions({ tenant_id: tenantId }));
  const [adding, setAdding] = React.useState(false);
  const [added, setAdded] = React.useState<NewMember | null>(null);
  const remove = useConfirmAction({
    mutation: trpc.tenants.removeMember.mutationOptions(),
    variables: (m: MemberRow) => ({ user_id: m.user.id, tenant_id: tenantId }),
    invalidate: trpc.tenants.members.pathFilter(),
    title: (m) => t("admin.tenants.removeMemberTitle", { email: m.user.email }),
    description: () => t("admin.tenants.removeMemberHint"),
    confirmLabel: t("admin.tenants.removeMember"),
    success: (m) => t("admin.tenants.memberRemoved", { email: m.user.email }),
  });

  const columns: ColumnDef<MemberRow, unknown>[] = [
    {
      id: "email",
      accessorFn: (m) => m.user.email,
      header: t("admin.tenants.email"),
      enableSorting: true,
      enableHiding: false,
      meta: { className: "max-w-[14rem]" },
      cell: ({ row: { original: m } }) => (
        <div className="flex min-w-0 flex-col">
          <span className="truncate font-medium">{m.user.email}</span>
          {m.user.name ? <span className="truncate text-xs text-muted-foreground">{m.user.name}</span> : null}
        </div>
      ),
    },
    {
      id: "role",
      header: t("admin.tenants.role"),
      cell: ({ row }) => <Badge variant="outline">{t(`common.roles.${row.original.role}`)}</Badge>,
    },
    {
      id: "lastLogin",
      header: t("admin.tenants.lastLogin"),
      meta: { hideBelow: "sm", className: "whitespace-nowrap text-muted-foreground" },
      cell: ({ row: { original: m } }) =>
        m.user.lastLoginAt ? formatDateTime(m.user.lastLoginAt, locale) : t("admin.never"),
    },
    actionsColumn<MemberRow>(t("common.actions"), (m) => ({
      label: `${t("common.actions")} ${m.user.email}`,
      actions: [
        {
          label: t("admin.tenants.removeMember"),
          icon: <UserMinusIcon aria-hidden />,
          destructive: true,
          onSelect: () => remove.ask(m),
        },
      ],
    })),
  ];

  const addButton = (
    <Button size="sm" onClick={() => setAdding(true)}>
      <UserPlusIcon aria-hidden />
      {t("admin.tenants.addMember")}
    </Button>
  );

  return (
    <DialogFrame
      className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl"
      data-slot="members-dialog"
      title={t("admin.tenants.membersOf", { name: tenant.name })}
      description={t("admin.tenants.membersHint")}
    >
      <div className="flex justify-end">{addButton}</div>
      {added ? <NewMemberNote member={added} /> : null}
      <DataTable
        id={`members-${tenantId}`}
        label={t("admin.tenants.membersOf", { name: tenant.name })}
        columns={columns}
        rows={members.data}
        query={members}
        getRowId={(m) => String(m.user.id)}
        empty={{ icon: <UsersIcon />, title: t("admin.tenants.noMembers"), action: addButton }}
      />
      <AddMemberDialog
        open={adding}
        onOpenChange={setAdding}
        tenant={tenant}
        onAdded={(member) => setAdded(member)}
      />
      {remove.dialog}
    </DialogFrame>
  );
}

/** The initial password of a new user, shown once; an existing user only joined. */
function NewMemberNote({ member }: { member: NewMember }) {
  const t = useT();
  if (!member.password)
    return (
      <p role="status" className="rounded-md border px-3 py-2 text-sm text-muted-foreground">
        {t("admin.tenants.existingUser", { email: member.email })}
      </p>
    );
  return (
    <ShownOnce
      warning={t("admin.tenants.passwordWarning", { email: member.email })}
      value={member.password}
      testId="new-password"
    />
  );
}

function AddMemberDialog({
  open,
  onOpenChange,
  tenant,
  onAdded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tenant: TenantRow;
  onAdded: (member: NewMember) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.tenants.addMember.mutationOptions());
  const defaults: TCreateUserInput = {
    email: "",
    name: "",
    role: "tenant_admin",
    tenant_id: tenant.tenantId,
  };
  return (
    <FormDialog
      id="member"
      open={open}
      onOpenChange={onOpenChange}
      schema={ZCreateUserInput}
      defaults={defaults}
      title={t("admin.tenants.addMemberTitle", { name: tenant.name })}
      description={t("admin.tenants.addMemberHint")}
      submitLabel={t("admin.tenants.addMember")}
      onSubmit={async (v) => {
        const res = await add.mutateAsync({ ...v, name: v.name || undefined });
        await queryClient.invalidateQueries(trpc.tenants.members.pathFilter());
        onAdded({ email: res.user.email, password: res.password });
        return res;
      }}
      success={(res) => t("admin.tenants.added", { email: (res as { user: { email: string } }).user.email })}
    >
      <TextField name="email" label={t("admin.tenants.email")} type="email" autoComplete="off" />
      <TextField name="name" label={t("admin.tenants.memberName")} autoComplete="off" counter={100} />
      <SelectField
        name="role"
        label={t("admin.tenants.role")}
        options={[
          { value: "tenant_admin", label: t("common.roles.tenant_admin") },
          { value: "viewer", label: t("common.roles.viewer") },
        ]}
      />
    </FormDialog>
  );
}
