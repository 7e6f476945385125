"use client";

import * as React from "react";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Building2Icon, GlobeIcon } from "lucide-react";
import { toast } from "sonner";

import { AskDialog } from "@/components/data-table/confirm-dialog";
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
import { hasUnsavedChanges, listPathOf } from "./unsaved-changes";

// Radix Select forbids an empty item value, so the platform view gets a sentinel.
const PLATFORM = "__platform__";

/**
 * Switches the console's scope: writes the cookie the server reads, refetches every cached
 * query (they belong to the old scope) and re-renders the server parts. On a record's page
 * (`/tasks/12`) it lands on that list, since the record belongs to the old scope.
 */
export function useSwitchTenant(): { switchTo: (tenantId: string | null) => void; pending: boolean } {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
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
          const list = listPathOf(pathname);
          if (list) router.push(list);
          await queryClient.invalidateQueries();
          router.refresh();
          toast.success(t("shell.scope.switched", { name }));
        } catch {
          toast.error(t("shell.scope.switchFailed"));
        }
      });
    },
    [me.tenants, queryClient, router, t, pathname],
  );
  return { switchTo, pending };
}

/** Chooses the scope of everything the console shows: the platform view or one tenant. */
export function TenantSwitcher({ className }: { className?: string }) {
  const t = useT();
  const { me, scope } = useMe();
  const { switchTo, pending } = useSwitchTenant();
  // A switch asked for while a form has unsaved edits waits for a confirmation.
  const [asking, setAsking] = React.useState<string | null>(null);

  const current = scope.type === "tenant" ? scope.tenantId : PLATFORM;

  function onChange(value: string) {
    if (value === current) return;
    if (hasUnsavedChanges()) setAsking(value);
    else switchTo(value === PLATFORM ? null : value);
  }

  if (!me.isPlatformAdmin && me.tenants.length === 0) return null;

  return (
    <>
      <AskDialog
        open={asking !== null}
        onOpenChange={(open) => !open && setAsking(null)}
        title={t("kit.unsavedTitle")}
        description={t("kit.unsavedBody")}
        stay={t("kit.unsavedStay")}
        go={t("kit.unsavedLeave")}
        destructive
        onGo={() => {
          const value = asking;
          setAsking(null);
          window.dispatchEvent(new Event("console:discard-unsaved"));
          if (value) switchTo(value === PLATFORM ? null : value);
        }}
      />
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
    </>
  );
}
