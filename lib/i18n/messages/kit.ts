import type { SameShape } from "../types";

// Words of the list and form kit (components/data-table, components/forms).
const zh = {
  selectRow: "选择此行",
  selectAll: "选择本页全部",
  noMatchTitle: "没有符合条件的记录",
  noMatchHint: "换个关键词或清除筛选再试。",
  columns: "显示列",
  pageSize: "每页",
  perPage: "{size} 条/页",
  jumpTo: "跳至",
  page: "页",
  go: "跳转",
  summary: "共 {total} 条，第 {page} / {pages} 页",
  selected: "已选 {count} 条",
  previous: "上一页",
  next: "下一页",
  clearFilters: "清除筛选",
  all: "全部",
  chars: "{count} / {max}",
  saveFailed: "保存失败：{reason}",
  fixFields: "请先修正标出的字段。",
  unsavedTitle: "有未保存的修改",
  unsavedBody: "切换后，未保存的修改会丢失。",
  unsavedLeave: "放弃修改并切换",
  unsavedStay: "留在此页",
  testWaiting: "正在连接机器人…已等待 {seconds} 秒（连接失败时会自动重试几次）",
  networkHint:
    "服务器连不上这个 Webhook 地址：请检查地址是否正确，以及服务器能否访问它（防火墙、代理、出站白名单）。",
};

const en: SameShape<typeof zh> = {
  selectRow: "Select row",
  selectAll: "Select all on this page",
  noMatchTitle: "Nothing matches",
  noMatchHint: "Try another keyword or clear the filters.",
  columns: "Columns",
  pageSize: "Per page",
  perPage: "{size} / page",
  jumpTo: "Go to",
  page: "page",
  go: "Go",
  summary: "{total} in all, page {page} of {pages}",
  selected: "{count} selected",
  previous: "Previous",
  next: "Next",
  clearFilters: "Clear filters",
  all: "All",
  chars: "{count} / {max}",
  saveFailed: "Save failed: {reason}",
  fixFields: "Fix the marked fields first.",
  unsavedTitle: "Unsaved changes",
  unsavedBody: "Switching now loses the unsaved changes.",
  unsavedLeave: "Discard and switch",
  unsavedStay: "Stay here",
  testWaiting: "Reaching the robot… {seconds} s so far (a failed connection is retried a few times)",
  networkHint:
    "The server cannot reach this webhook URL: check the address and whether the server may reach it (firewall, proxy, outbound allowlist).",
};

export const kit = { zh, en };
