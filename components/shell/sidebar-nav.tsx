"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { useT } from "@/lib/i18n/client";
import { activeItem, visibleNav } from "./nav-items";

/**
 * The grouped section links. `collapsed` shows icons only (desktop rail) with the label as a
 * tooltip; `onNavigate` lets the phone sheet close itself after a tap.
 */
export function SidebarNav({
  isPlatformAdmin,
  collapsed = false,
  onNavigate,
}: {
  isPlatformAdmin: boolean;
  collapsed?: boolean;
  onNavigate?: () => void;
}) {
  const t = useT();
  const pathname = usePathname();
  const groups = visibleNav(isPlatformAdmin);
  const current = activeItem(pathname, groups)?.href;
  return (
    <nav aria-label={t("shell.nav.label")} className="flex flex-col gap-4 px-2 py-3">
      {groups.map((group, gi) => (
        <div key={group.label ?? `group-${gi}`} className="flex flex-col gap-0.5">
          {group.label ? (
            collapsed ? (
              <div className="mx-2 mb-1 h-px bg-sidebar-border" aria-hidden />
            ) : (
              <div className="px-2 pb-1 text-xs font-medium text-muted-foreground">{t(group.label)}</div>
            )
          ) : null}
          <ul className="flex flex-col gap-0.5">
            {group.items.map((item) => {
              const active = item.href === current;
              const Icon = item.icon;
              const link = (
                <Link
                  href={item.href}
                  onClick={onNavigate}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-sidebar-foreground/80 transition-colors outline-none",
                    "hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-2 focus-visible:ring-sidebar-ring",
                    active && "bg-sidebar-accent font-medium text-sidebar-accent-foreground",
                    collapsed && "justify-center px-0",
                  )}
                >
                  <Icon className="size-4 shrink-0" aria-hidden />
                  {collapsed ? (
                    <span className="sr-only">{t(item.label)}</span>
                  ) : (
                    <span className="truncate">{t(item.label)}</span>
                  )}
                </Link>
              );
              return (
                <li key={item.href}>
                  {collapsed ? (
                    <Tooltip>
                      <TooltipTrigger asChild>{link}</TooltipTrigger>
                      <TooltipContent side="right">{t(item.label)}</TooltipContent>
                    </Tooltip>
                  ) : (
                    link
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
