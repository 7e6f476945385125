import type { Locale } from "@/lib/i18n";

/**
 * Words for error codes, zod issue codes and field names, so the zh console never shows raw
 * server or zod English. Keys: `code.<TRPC/AppError code>`, `issue.<zod issue code>`,
 * `reason.<app error reason code>` (codes the shared schemas attach), `field.<input path>`.
 */
const zh: Record<string, string> = {
  "code.BAD_REQUEST": "输入有误，请检查标出的字段。",
  "code.UNAUTHORIZED": "登录已过期，请重新登录。",
  "code.FORBIDDEN": "没有权限执行此操作。",
  "code.NOT_FOUND": "要操作的记录不存在或已被删除。",
  "code.CONFLICT": "与现有数据冲突（名称重复，或已被他人修改），请刷新后重试。",
  "code.PAYLOAD_TOO_LARGE": "内容太大。",
  "code.TOO_MANY_REQUESTS": "操作太频繁，请稍后再试。",
  "code.INTERNAL_SERVER_ERROR": "服务器出错，请稍后重试。",
  "code.INTERNAL": "服务器出错，请稍后重试。",
  "code.TIMEOUT": "请求超时，请稍后重试。",
  "issue.required": "必填",
  "issue.invalid_type": "格式不正确",
  "issue.too_small.string": "至少 {min} 个字符",
  "issue.too_small.string.1": "不能为空",
  "issue.too_small.number": "不能小于 {min}",
  "issue.too_small.array": "至少选择 {min} 项",
  "issue.too_big.string": "不能超过 {max} 个字符",
  "issue.too_big.number": "不能大于 {max}",
  "issue.too_big.array": "最多 {max} 项",
  "issue.invalid_format": "格式不正确",
  "issue.invalid_format.url": "须为网址（http:// 或 https:// 开头）",
  "issue.invalid_format.email": "须为邮箱地址",
  "issue.invalid_format.regex": "格式不正确",
  "issue.invalid_value": "请从可选项中选择",
  "issue.not_multiple_of": "须为 {divisor} 的倍数",
  "issue.unrecognized_keys": "包含不认识的字段",
  "issue.custom": "输入无效",
  "invalid.int": "须为整数",
  "invalid.number": "须为数字",
};

const en: Record<string, string> = {
  "code.BAD_REQUEST": "Some fields are invalid; see the marked fields.",
  "code.UNAUTHORIZED": "Your session has expired. Please sign in again.",
  "code.FORBIDDEN": "You do not have permission to do this.",
  "code.NOT_FOUND": "The record does not exist or was deleted.",
  "code.CONFLICT":
    "This conflicts with existing data (a duplicate name, or someone else changed it). Reload and try again.",
  "code.PAYLOAD_TOO_LARGE": "The content is too large.",
  "code.TOO_MANY_REQUESTS": "Too many requests; try again shortly.",
  "code.INTERNAL_SERVER_ERROR": "Server error; please try again later.",
  "code.INTERNAL": "Server error; please try again later.",
  "code.TIMEOUT": "The request timed out; please try again.",
  "issue.required": "Required",
  "issue.invalid_type": "Invalid value",
  "issue.too_small.string": "At least {min} characters",
  "issue.too_small.string.1": "Required",
  "issue.too_small.number": "Must be at least {min}",
  "issue.too_small.array": "Choose at least {min}",
  "issue.too_big.string": "At most {max} characters",
  "issue.too_big.number": "Must be at most {max}",
  "issue.too_big.array": "At most {max} items",
  "issue.invalid_format": "Invalid format",
  "issue.invalid_format.url": "Must be a URL (http:// or https://)",
  "issue.invalid_format.email": "Must be an email address",
  "issue.invalid_format.regex": "Invalid format",
  "issue.invalid_value": "Choose one of the options",
  "issue.not_multiple_of": "Must be a multiple of {divisor}",
  "issue.unrecognized_keys": "Contains unknown fields",
  "issue.custom": "Invalid value",
  "invalid.int": "Must be a whole number",
  "invalid.number": "Must be a number",
};

export const ERROR_WORDS: Record<Locale, Record<string, string>> = { zh, en };
