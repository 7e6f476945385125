"use client";

import Link from "next/link";
import {
  ArrowRightIcon,
  Building2Icon,
  EyeIcon,
  GlobeIcon,
  ShieldCheckIcon,
  UserRoundIcon,
} from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/me-context";
import { visibleNav } from "@/components/shell/nav-items";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";

const TENANT_LIST_LIMIT = 8;

/** The console's home: who you are, what you are looking at, and where to go. Real data only. */
export function Overview() {
  const t = useT();
  const { me, scope, role } = useMe();
  const { switchTo, pending } = useSwitchTenant();
  const displayName = me.user.name?.trim() || me.user.email.split("@")[0] || me.user.email;
  const sections = visibleNav(me.isPlatformAdmin)
    .flatMap((g) => g.items)
    .filter((i) => i.description);
  const shownTenants = me.tenants.slice(0, TENANT_LIST_LIMIT);
  const activeTenantId = scope.type === "tenant" ? scope.tenantId : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("overview.greeting", { name: displayName })}
        description={t("overview.subtitle")}
      />

      <div className="grid gap-4 md:grid-cols-3">
        <Card className="gap-3">
          <CardHeader>
            <CardDescription className="flex items-center gap-1.5">
              <UserRoundIcon className="size-4" aria-hidden />
              {t("overview.account")}
            </CardDescription>
            <CardTitle className="truncate text-base">{me.user.name || me.user.email}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {/* Without a name the title already is the email. */}
              {me.user.name ? (
                <>
                  <dt className="text-muted-foreground">{t("overview.email")}</dt>
                  <dd className="truncate">{me.user.email}</dd>
                </>
              ) : null}
              {me.isPlatformAdmin ? (
                <>
                  <dt className="text-muted-foreground">{t("shell.user.role")}</dt>
                  <dd>
                    <Badge variant="secondary">{t("overview.platformAdmin")}</Badge>
                  </dd>
                </>
              ) : null}
            </dl>
          </CardContent>
        </Card>

        <Card className="gap-3">
          <CardHeader>
            <CardDescription className="flex items-center gap-1.5">
              {scope.type === "platform" ? (
                <GlobeIcon className="size-4" aria-hidden />
              ) : (
                <Building2Icon className="size-4" aria-hidden />
              )}
              {t("overview.currentScope")}
            </CardDescription>
            <CardTitle className="truncate text-base">
              {scope.type === "platform" ? t("shell.scope.platform") : scope.name}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-1 text-sm text-muted-foreground">
            {scope.type === "tenant" ? (
              <span>
                {t("overview.tenantId")}: <code className="font-mono text-foreground">{scope.tenantId}</code>
              </span>
            ) : null}
            <span>
              {scope.type === "platform"
                ? t("overview.platformScopeHint")
                : t("overview.tenantScopeHint", { name: scope.name })}
            </span>
          </CardContent>
        </Card>

        <Card className="gap-3">
          <CardHeader>
            <CardDescription className="flex items-center gap-1.5">
              {role === "viewer" ? (
                <EyeIcon className="size-4" aria-hidden />
              ) : (
                <ShieldCheckIcon className="size-4" aria-hidden />
              )}
              {t("overview.currentRole")}
            </CardDescription>
            <CardTitle className="text-base">{t(`common.roles.${role}`)}</CardTitle>
          </CardHeader>
          {role === "viewer" ? (
            <CardContent className="text-sm text-muted-foreground">{t("overview.readOnlyHint")}</CardContent>
          ) : null}
        </Card>
      </div>

      <Card className="gap-3 py-4">
        <CardHeader className="px-4">
          <CardTitle className="text-base">
            {me.isPlatformAdmin ? t("overview.accessibleTenants") : t("overview.memberships")}
          </CardTitle>
        </CardHeader>
        <CardContent className="px-4">
          {me.tenants.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {me.isPlatformAdmin ? t("overview.noTenantsYet") : t("overview.noMemberships")}
            </p>
          ) : (
            <ul className="divide-y rounded-md border">
              {shownTenants.map((tenant) => {
                const active = tenant.tenantId === activeTenantId;
                return (
                  <li key={tenant.tenantId} className="flex items-center gap-3 px-3 py-2 text-sm">
                    <Building2Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <div className="flex min-w-0 flex-1 flex-col sm:flex-row sm:items-center sm:gap-2">
                      <span className="truncate font-medium">{tenant.name}</span>
                      <code className="truncate font-mono text-xs text-muted-foreground">
                        {tenant.tenantId}
                      </code>
                    </div>
                    {/* A platform admin has the same role everywhere; members see theirs per tenant. */}
                    {me.isPlatformAdmin ? null : (
                      <Badge variant="outline" className="hidden sm:inline-flex">
                        {t(`common.roles.${tenant.role}`)}
                      </Badge>
                    )}
                    {active ? (
                      <Badge variant="secondary">{t("overview.activeNow")}</Badge>
                    ) : (
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={pending}
                        onClick={() => switchTo(tenant.tenantId)}
                        aria-label={`${t("overview.switchHere")} ${tenant.name}`}
                      >
                        {t("overview.switchHere")}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {me.tenants.length > TENANT_LIST_LIMIT ? (
            <p className="mt-2 text-xs text-muted-foreground">
              {t("overview.moreTenants", { count: me.tenants.length - TENANT_LIST_LIMIT })}
            </p>
          ) : null}
        </CardContent>
      </Card>

      <section aria-labelledby="overview-sections" className="flex flex-col gap-3">
        <h2 id="overview-sections" className="text-base font-semibold">
          {t("overview.sections")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {sections.map((item) => {
            const Icon = item.icon;
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className={cn(
                    "group flex h-full items-start gap-3 rounded-lg border bg-card p-4 transition-colors outline-none",
                    "hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  )}
                >
                  <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground group-hover:text-foreground">
                    <Icon className="size-4" aria-hidden />
                  </span>
                  <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                    <span className="flex items-center gap-1 text-sm font-medium">
                      {t(item.label)}
                      <ArrowRightIcon
                        className="size-3.5 opacity-0 transition-opacity group-hover:opacity-100"
                        aria-hidden
                      />
                    </span>
                    {item.description ? (
                      <span className="text-xs text-muted-foreground">{t(item.description)}</span>
                    ) : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
