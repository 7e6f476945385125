"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import type { Session } from "next-auth";
import { Building2Icon, LogOutIcon, MenuIcon, PanelLeftCloseIcon, PanelLeftOpenIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollArea } from "@/components/ui/scroll-area";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { useLocale, useSetLocale, useT } from "@/lib/i18n/client";
import { errorMessage, isUnauthorized } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import { cn } from "@/lib/utils";
import { AppLogo } from "./app-logo";
import { MeProvider } from "./me-context";
import { activeItem } from "./nav-items";
import { ErrorPanel, PageSkeleton } from "./shell-states";
import { SidebarNav } from "./sidebar-nav";
import { writeSidebarCookie } from "./sidebar-state";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu, useSignOut } from "./user-menu";

/**
 * The console frame: sidebar (a sheet on phones), top bar with the tenant switcher and user
 * menu, and the page. Pages render only once `me.get` has loaded, so they can rely on useMe().
 */
export function ConsoleShell({
  session,
  initialCollapsed,
  children,
}: {
  session: Session;
  initialCollapsed: boolean;
  children: React.ReactNode;
}) {
  return (
    <SessionProvider session={session} refetchOnWindowFocus={false}>
      <ShellFrame initialCollapsed={initialCollapsed}>{children}</ShellFrame>
    </SessionProvider>
  );
}

function ShellFrame({
  initialCollapsed,
  children,
}: {
  initialCollapsed: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const meQuery = useQuery(trpc.me.get.queryOptions());
  const [collapsed, setCollapsed] = React.useState(initialCollapsed);
  const [sheetOpen, setSheetOpen] = React.useState(false);

  const unauthorized = meQuery.isError && isUnauthorized(meQuery.error);
  React.useEffect(() => {
    // The session cookie expired or the account was disabled: back to the sign-in page.
    if (unauthorized) router.replace(`/login?callbackUrl=${encodeURIComponent(pathname)}`);
  }, [unauthorized, router, pathname]);

  const me = meQuery.data;
  const setLocale = useSetLocale();
  React.useEffect(() => {
    // On a device that never chose a language, use the one saved on the account.
    if (
      me &&
      me.user.locale !== locale &&
      !document.cookie.split("; ").some((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ) {
      setLocale(me.user.locale);
    }
  }, [me, locale, setLocale]);

  function toggleCollapsed() {
    setCollapsed((c) => {
      writeSidebarCookie(!c);
      return !c;
    });
  }

  const isPlatformAdmin = me?.isPlatformAdmin ?? false;
  const current = activeItem(pathname);

  return (
    <MeProvider me={me}>
      <div className="flex min-h-dvh bg-background">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t("shell.skipToContent")}
        </a>
        <aside
          className={cn(
            "sticky top-0 hidden h-dvh shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground transition-[width] duration-200 md:flex",
            collapsed ? "w-14" : "w-56",
          )}
        >
          <div
            className={cn(
              "flex h-14 items-center border-b px-3",
              collapsed ? "justify-center px-0" : "justify-between",
            )}
          >
            {collapsed ? null : (
              <Link
                href="/"
                className="min-w-0 rounded-md outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring"
              >
                <AppLogo locale={locale} />
              </Link>
            )}
            <Tooltip>
              <TooltipTrigger asChild>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  onClick={toggleCollapsed}
                  aria-label={collapsed ? t("shell.expandSidebar") : t("shell.collapseSidebar")}
                  aria-expanded={!collapsed}
                >
                  {collapsed ? <PanelLeftOpenIcon /> : <PanelLeftCloseIcon />}
                </Button>
              </TooltipTrigger>
              <TooltipContent side="right">
                {collapsed ? t("shell.expandSidebar") : t("shell.collapseSidebar")}
              </TooltipContent>
            </Tooltip>
          </div>
          <ScrollArea className="min-h-0 flex-1">
            {me || meQuery.isError ? (
              <SidebarNav isPlatformAdmin={isPlatformAdmin} collapsed={collapsed} />
            ) : (
              <NavSkeleton collapsed={collapsed} />
            )}
          </ScrollArea>
        </aside>

        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-5">
            <Sheet open={sheetOpen} onOpenChange={setSheetOpen}>
              <SheetTrigger asChild>
                <Button variant="ghost" size="icon-sm" className="md:hidden" aria-label={t("shell.openMenu")}>
                  <MenuIcon />
                </Button>
              </SheetTrigger>
              <SheetContent side="left" className="w-72 gap-0 bg-sidebar p-0" closeLabel={t("common.close")}>
                <SheetHeader className="h-14 justify-center border-b px-3 py-0">
                  <SheetTitle asChild>
                    <div>
                      <AppLogo locale={locale} />
                    </div>
                  </SheetTitle>
                  <SheetDescription className="sr-only">{t("shell.nav.label")}</SheetDescription>
                </SheetHeader>
                <ScrollArea className="min-h-0 flex-1">
                  {me || meQuery.isError ? (
                    <SidebarNav isPlatformAdmin={isPlatformAdmin} onNavigate={() => setSheetOpen(false)} />
                  ) : (
                    <NavSkeleton />
                  )}
                </ScrollArea>
              </SheetContent>
            </Sheet>

            {current ? (
              <span className="hidden shrink-0 text-sm font-medium lg:inline">{t(current.label)}</span>
            ) : null}
            {current && !meQuery.isError ? (
              <span className="hidden h-4 w-px bg-border lg:inline" aria-hidden />
            ) : null}

            <div className="flex min-w-0 flex-1 items-center">
              {me ? <TenantSwitcher /> : meQuery.isPending ? <Skeleton className="h-8 w-40" /> : null}
            </div>
            {me ? (
              <UserMenu />
            ) : meQuery.isPending ? (
              <Skeleton className="size-8 rounded-full" />
            ) : (
              <FallbackSignOut />
            )}
          </header>

          <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-5 md:px-6 md:py-6">
            {me && !me.isPlatformAdmin && me.tenants.length === 0 ? (
              <EmptyState icon={<Building2Icon />} title={t("shell.scope.noTenants")} />
            ) : me ? (
              children
            ) : meQuery.isError && !unauthorized ? (
              <ErrorPanel
                title={t("shell.loadFailed")}
                message={errorMessage(meQuery.error, t)}
                onRetry={() => void meQuery.refetch()}
              />
            ) : (
              <PageSkeleton />
            )}
          </main>
        </div>
      </div>
    </MeProvider>
  );
}

/** Without the account loaded there is no user menu; signing out must still be possible. */
function FallbackSignOut() {
  const t = useT();
  const { signOut, signingOut } = useSignOut();
  return (
    <Button variant="ghost" size="sm" onClick={signOut} disabled={signingOut}>
      <LogOutIcon aria-hidden />
      {signingOut ? t("auth.signingOut") : t("auth.signOut")}
    </Button>
  );
}

function NavSkeleton({ collapsed = false }: { collapsed?: boolean }) {
  return (
    <div className="flex flex-col gap-2 px-2 py-3" aria-hidden>
      {Array.from({ length: 9 }, (_, i) => (
        <Skeleton key={i} className={cn("h-7", collapsed ? "mx-auto w-8" : "w-full")} />
      ))}
    </div>
  );
}
