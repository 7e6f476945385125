"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BanIcon, KeySquareIcon, PlusIcon } from "lucide-react";
import { toast } from "sonner";

import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { formatDateTime } from "./format";
import { ListStates } from "./list-states";
import { ReadOnlyNote } from "./read-only-note";
import { TokenCreateDialog } from "./token-create-dialog";
import type { TokenRow } from "./types";

type Status = "active" | "revoked" | "expired";

function statusOf(token: TokenRow): Status {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return "expired";
  return "active";
}

/** /tokens: API tokens by prefix; the full token is only ever shown once, at creation. */
export function TokensPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite, scope } = useMe();
  const query = useQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = React.useState(false);
  const [revoking, setRevoking] = React.useState<TokenRow | null>(null);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.tokens.pathFilter());
        toast.success(t("admin.tokens.revokedToast", { name: revoking?.name ?? "" }));
        setRevoking(null);
      },
    }),
  );
  const showTenant = scope.type === "platform";

  const createButton = canWrite ? (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon aria-hidden />
      {t("admin.tokens.create")}
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("admin.tokens.title")}
        description={t("admin.tokens.description")}
        actions={createButton}
      />
      {!canWrite ? <ReadOnlyNote>{t("admin.readOnly")}</ReadOnlyNote> : null}
      <ListStates
        query={query}
        isEmpty={query.data?.length === 0}
        empty={{
          icon: <KeySquareIcon />,
          title: t("admin.tokens.emptyTitle"),
          description: t("admin.tokens.emptyHint"),
          action: createButton,
        }}
      >
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.tokens.name")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("admin.tokens.prefix")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.tokens.role")}</TableHead>
                {showTenant ? (
                  <TableHead className="hidden lg:table-cell">{t("admin.tenant")}</TableHead>
                ) : null}
                <TableHead className="hidden lg:table-cell">{t("admin.tokens.lastUsed")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("admin.tokens.expires")}</TableHead>
                <TableHead>{t("admin.tokens.status")}</TableHead>
                {canWrite ? <TableHead className="w-0 text-right">{t("common.actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((token) => {
                const status = statusOf(token);
                return (
                  <TableRow
                    key={token.id}
                    className={status === "active" ? undefined : "text-muted-foreground"}
                  >
                    <TableCell className="max-w-[12rem]">
                      <div className="flex min-w-0 flex-col gap-0.5">
                        <span className="truncate font-medium">{token.name}</span>
                        <code className="font-mono text-xs text-muted-foreground sm:hidden">
                          {token.tokenPrefix}…
                        </code>
                      </div>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      <code className="font-mono text-xs">{token.tokenPrefix}…</code>
                    </TableCell>
                    <TableCell className="hidden md:table-cell">{t(`common.roles.${token.role}`)}</TableCell>
                    {showTenant ? (
                      <TableCell className="hidden lg:table-cell">
                        {token.tenantId ? (
                          <code className="font-mono text-xs">{token.tenantId}</code>
                        ) : (
                          <Badge variant="outline">{t("admin.global")}</Badge>
                        )}
                      </TableCell>
                    ) : null}
                    <TableCell className="hidden whitespace-nowrap lg:table-cell">
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("admin.never")}
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap md:table-cell">
                      {token.expiresAt ? formatDateTime(token.expiresAt, locale) : t("admin.tokens.noExpiry")}
                    </TableCell>
                    <TableCell>
                      <Badge
                        variant={
                          status === "active" ? "success" : status === "revoked" ? "destructive" : "warning"
                        }
                      >
                        {t(`admin.tokens.${status}`)}
                      </Badge>
                    </TableCell>
                    {canWrite ? (
                      <TableCell className="text-right">
                        {status !== "revoked" ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            className="text-destructive hover:text-destructive"
                            onClick={() => {
                              revoke.reset();
                              setRevoking(token);
                            }}
                            aria-label={`${t("admin.tokens.revoke")} ${token.name}`}
                          >
                            <BanIcon aria-hidden />
                            <span className="hidden sm:inline">{t("admin.tokens.revoke")}</span>
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      </ListStates>
      <TokenCreateDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={t("admin.tokens.revokeTitle", { name: revoking?.name ?? "" })}
        description={t("admin.tokens.revokeHint")}
        confirmLabel={t("admin.tokens.revoke")}
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error, t) : null}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      />
    </div>
  );
}
