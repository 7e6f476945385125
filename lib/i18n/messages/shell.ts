import type { SameShape } from "../types";

const zh = {
  nav: {
    label: "主导航",
    overview: "概览",
    groups: {
      scheduling: "调度",
      notify: "通知",
      config: "配置",
      admin: "管理",
      help: "帮助",
    },
    tasks: "任务",
    runs: "运行记录",
    channels: "通知渠道",
    wecomApps: "企微应用",
    secrets: "密钥",
    tenantConfigs: "租户配置",
    scriptVars: "脚本变量",
    tokens: "API 令牌",
    tenants: "租户与成员",
    dataSources: "数据源",
    audit: "审计日志",
    sdk: "SDK 文档",
  },
  skipToContent: "跳到主要内容",
  openMenu: "打开导航",
  collapseSidebar: "收起侧边栏",
  expandSidebar: "展开侧边栏",
  scope: {
    label: "当前范围",
    platform: "平台视图",
    platformHint: "查看和管理所有租户及全局数据",
    switched: "已切换到 {name}",
    switchFailed: "切换失败，请重试。",
    noTenants: "你还没有加入任何租户，请联系平台管理员。",
  },
  user: {
    menu: "用户菜单",
    role: "角色",
  },
  loadFailed: "无法加载账号信息。",
};

const en: SameShape<typeof zh> = {
  nav: {
    label: "Main navigation",
    overview: "Overview",
    groups: {
      scheduling: "Scheduling",
      notify: "Notifications",
      config: "Configuration",
      admin: "Administration",
      help: "Help",
    },
    tasks: "Tasks",
    runs: "Runs",
    channels: "Channels",
    wecomApps: "WeCom apps",
    secrets: "Secrets",
    tenantConfigs: "Tenant configs",
    scriptVars: "Script variables",
    tokens: "API tokens",
    tenants: "Tenants & members",
    dataSources: "Data sources",
    audit: "Audit log",
    sdk: "SDK docs",
  },
  skipToContent: "Skip to main content",
  openMenu: "Open navigation",
  collapseSidebar: "Collapse sidebar",
  expandSidebar: "Expand sidebar",
  scope: {
    label: "Scope",
    platform: "Platform view",
    platformHint: "See and manage every tenant and the global data",
    switched: "Switched to {name}",
    switchFailed: "Could not switch. Please try again.",
    noTenants: "You do not belong to any tenant yet. Ask a platform admin.",
  },
  user: {
    menu: "User menu",
    role: "Role",
  },
  loadFailed: "Could not load your account.",
};

export const shell = { zh, en };
