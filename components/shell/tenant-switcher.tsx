"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Building2Icon, GlobeIcon } from "lucide-react";
import { toast } from "sonner";

import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";
import { useMe } from "./me-context";
import { writeActiveTenantCookie } from "./tenant-cookie";

// Radix Select forbids an empty item value, so the platform view gets a sentinel.
const PLATFORM = "__platform__";

/**
 * Switches the console's scope: writes the cookie the server reads, refetches every cached
 * query (they belong to the old scope) and re-renders the server parts.
 */
export function useSwitchTenant(): { switchTo: (tenantId: string | null) => void; pending: boolean } {
  const t = useT();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { me } = useMe();
  const [pending, startTransition] = React.useTransition();

  const switchTo = React.useCallback(
    (tenantId: string | null) => {
      writeActiveTenantCookie(tenantId);
      const name = tenantId
        ? (me.tenants.find((x) => x.tenantId === tenantId)?.name ?? tenantId)
        : t("shell.scope.platform");
      startTransition(async () => {
        try {
          await queryClient.invalidateQueries();
          router.refresh();
          toast.success(t("shell.scope.switched", { name }));
        } catch {
          toast.error(t("shell.scope.switchFailed"));
        }
      });
    },
    [me.tenants, queryClient, router, t],
  );
  return { switchTo, pending };
}

/** Chooses the scope of everything the console shows: the platform view or one tenant. */
export function TenantSwitcher({ className }: { className?: string }) {
  const t = useT();
  const { me, scope } = useMe();
  const { switchTo, pending } = useSwitchTenant();

  const current = scope.type === "tenant" ? scope.tenantId : PLATFORM;

  function onChange(value: string) {
    if (value !== current) switchTo(value === PLATFORM ? null : value);
  }

  if (!me.isPlatformAdmin && me.tenants.length === 0) return null;

  return (
    <Select value={current} onValueChange={onChange} disabled={pending}>
      <SelectTrigger
        size="sm"
        aria-label={t("shell.scope.label")}
        className={cn("w-full max-w-[13rem] min-w-0 sm:max-w-[16rem]", className)}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent align="start" className="max-h-80">
        {me.isPlatformAdmin ? (
          <>
            <SelectGroup>
              <SelectItem value={PLATFORM}>
                <GlobeIcon aria-hidden />
                {t("shell.scope.platform")}
              </SelectItem>
            </SelectGroup>
            {me.tenants.length > 0 ? <SelectSeparator /> : null}
          </>
        ) : null}
        <SelectGroup>
          {me.tenants.map((tenant) => (
            <SelectItem key={tenant.tenantId} value={tenant.tenantId}>
              <Building2Icon aria-hidden />
              <span className="truncate">{tenant.name}</span>
              {tenant.name !== tenant.tenantId ? (
                <span className="truncate text-xs text-muted-foreground">{tenant.tenantId}</span>
              ) : null}
            </SelectItem>
          ))}
        </SelectGroup>
      </SelectContent>
    </Select>
  );
}
