import {
  BellRingIcon,
  BookOpenIcon,
  Building2Icon,
  CalendarClockIcon,
  DatabaseIcon,
  FileJsonIcon,
  HistoryIcon,
  KeyRoundIcon,
  KeySquareIcon,
  LayoutDashboardIcon,
  MessageSquareTextIcon,
  ScrollTextIcon,
  SearchIcon,
  SlidersHorizontalIcon,
  VariableIcon,
  type LucideIcon,
} from "lucide-react";

import type { TKey } from "@/lib/i18n";

export type NavItem = {
  href: string;
  label: TKey;
  /** Shown on the overview page under the section link. */
  description?: TKey;
  icon: LucideIcon;
  platformOnly?: boolean;
};

export type NavGroup = { label: TKey | null; items: NavItem[] };

/** The console's sections; the sidebar and the overview page both render from this list. */
export const NAV_GROUPS: NavGroup[] = [
  {
    label: null,
    items: [{ href: "/", label: "shell.nav.overview", icon: LayoutDashboardIcon }],
  },
  {
    label: "shell.nav.groups.scheduling",
    items: [
      {
        href: "/tasks",
        label: "shell.nav.tasks",
        description: "overview.sectionDesc.tasks",
        icon: CalendarClockIcon,
      },
      {
        href: "/tasks/transfer",
        label: "ops.nav.transfer",
        description: "overview.sectionDesc.transfer",
        icon: FileJsonIcon,
      },
      { href: "/runs", label: "shell.nav.runs", description: "overview.sectionDesc.runs", icon: HistoryIcon },
      {
        href: "/runs/search",
        label: "ops.nav.search",
        description: "overview.sectionDesc.search",
        icon: SearchIcon,
      },
    ],
  },
  {
    label: "shell.nav.groups.notify",
    items: [
      {
        href: "/channels",
        label: "shell.nav.channels",
        description: "overview.sectionDesc.channels",
        icon: BellRingIcon,
      },
      {
        href: "/wecom-apps",
        label: "shell.nav.wecomApps",
        description: "overview.sectionDesc.wecomApps",
        icon: MessageSquareTextIcon,
      },
    ],
  },
  {
    label: "shell.nav.groups.config",
    items: [
      {
        href: "/secrets",
        label: "shell.nav.secrets",
        description: "overview.sectionDesc.secrets",
        icon: KeyRoundIcon,
      },
      {
        href: "/tenant-configs",
        label: "shell.nav.tenantConfigs",
        description: "overview.sectionDesc.tenantConfigs",
        icon: SlidersHorizontalIcon,
      },
      {
        href: "/script-vars",
        label: "shell.nav.scriptVars",
        description: "overview.sectionDesc.scriptVars",
        icon: VariableIcon,
      },
      {
        href: "/tokens",
        label: "shell.nav.tokens",
        description: "overview.sectionDesc.tokens",
        icon: KeySquareIcon,
      },
    ],
  },
  {
    label: "shell.nav.groups.admin",
    items: [
      {
        href: "/tenants",
        label: "shell.nav.tenants",
        description: "overview.sectionDesc.tenants",
        icon: Building2Icon,
        platformOnly: true,
      },
      {
        href: "/data-sources",
        label: "shell.nav.dataSources",
        description: "overview.sectionDesc.dataSources",
        icon: DatabaseIcon,
        platformOnly: true,
      },
      {
        href: "/audit",
        label: "shell.nav.audit",
        description: "overview.sectionDesc.audit",
        icon: ScrollTextIcon,
      },
    ],
  },
  {
    label: "shell.nav.groups.help",
    items: [
      { href: "/sdk", label: "shell.nav.sdk", description: "overview.sectionDesc.sdk", icon: BookOpenIcon },
    ],
  },
];

/** Groups with the items this user may see (platform-only entries hidden from others). */
export function visibleNav(isPlatformAdmin: boolean): NavGroup[] {
  return NAV_GROUPS.map((g) => ({
    ...g,
    items: g.items.filter((i) => isPlatformAdmin || !i.platformOnly),
  })).filter((g) => g.items.length > 0);
}

/** "/tasks/12/edit" belongs to "/tasks"; "/" matches only itself. */
function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The section a page belongs to: the longest matching href, so /runs/search is 运行搜索 (not
 * 运行记录) and /tasks/transfer is 导入导出 (not 任务).
 */
export function activeItem(pathname: string, groups: NavGroup[] = NAV_GROUPS): NavItem | undefined {
  return groups
    .flatMap((g) => g.items)
    .filter((i) => isActive(pathname, i.href))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
