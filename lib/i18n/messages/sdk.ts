import type { SameShape } from "../types";

// Texts of the console's SDK docs page: Chinese first, English typed against it.
const zh = {
  title: "SDK 文档",
  description: "脚本中可直接使用的函数、变量、内置模块与消息格式（无需 import，调用是同步的）。",
  sections: {
    functions: "函数",
    variables: "内置变量",
    modules: "内置模块",
    formats: "消息格式（result）",
  },
  search: "搜索函数、变量或格式",
  noMatch: "没有匹配「{query}」的条目",
  returns: "返回",
  example: "示例",
  network: "网络调用",
  fields: "字段",
  required: "必填",
  channels: "适用渠道",
  preview: "预览",
  previewDingtalk: "钉钉",
  previewWecom: "企业微信",
  previewLoading: "正在生成预览…",
  previewFailed: "预览生成失败：{message}",
  previewReadOnly: "只读成员无法运行脚本，下面显示示例代码。",
  payload: "发送给机器人的 JSON",
  copyExample: "复制示例",
  copied: "已复制到剪贴板",
  copyFailed: "复制失败，请手动选择文本复制",
  onThisPage: "本页目录",
};

const en: SameShape<typeof zh> = {
  title: "SDK docs",
  description: "Functions, variables, built-in modules and message formats available in scripts (no import; calls are synchronous).",
  sections: {
    functions: "Functions",
    variables: "Variables",
    modules: "Built-in modules",
    formats: "Message formats (result)",
  },
  search: "Search functions, variables or formats",
  noMatch: "Nothing matches “{query}”",
  returns: "Returns",
  example: "Example",
  network: "Network call",
  fields: "Fields",
  required: "Required",
  channels: "Channels",
  preview: "Preview",
  previewDingtalk: "DingTalk",
  previewWecom: "WeCom",
  previewLoading: "Building the preview…",
  previewFailed: "Preview failed: {message}",
  previewReadOnly: "Viewers cannot run scripts; the example code is shown below.",
  payload: "JSON sent to the robot",
  copyExample: "Copy example",
  copied: "Copied to the clipboard",
  copyFailed: "Copy failed; select the text and copy it by hand",
  onThisPage: "On this page",
};

export const sdk = { zh, en };
