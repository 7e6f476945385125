import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import { ZPositiveInt, ZTenantFilter } from "./common";
import { ZPagination, zListSort } from "../zod-helpers";

// Inputs of the admin pages (secrets, tenant configs, script vars, API tokens, tenants), shared
// by the services, the tRPC routers and the console's forms. Messages: "中文 (English)".

/** A member's or a token's role, derived from the Prisma enum (one list: schema.prisma). */
export const ZRole = z.enum(Role);

const KEY_CHARS = "只能包含字母、数字、_、. 和 - (letters, digits, '_', '.' and '-' only)";

export const ZSecretKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, KEY_CHARS);

export const ZSetSecretInput = z.object({
  tenant_id: z.string().trim().max(50).nullish(),
  secret_key: ZSecretKey,
  secret_value: z.string().min(1).max(10_000),
  description: z.string().trim().max(255).nullish(),
});
export type TSetSecretInput = z.infer<typeof ZSetSecretInput>;

/** secrets.list: tenant_id null or '' = the global secrets (platform only). */
export const ZListSecretsInput = z.object({ tenant_id: ZTenantFilter.nullish() }).optional();

const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9_.-]+$/, KEY_CHARS);

export const ZSetTenantConfigInput = z.object({
  tenant_id: z.string().trim().min(1).max(50).optional(),
  app_code: ZCode,
  config_key: z.string().trim().min(1).max(100),
  config_value: z.string().max(65_535).nullable(),
  is_secret: z.boolean().default(false),
});
export type TSetTenantConfigInput = z.input<typeof ZSetTenantConfigInput>;

/** One page of configs: `q` matches app_code or key; sorted by key (app_code, key) or update time. */
export const ZListTenantConfigsInput = ZPagination.extend({
  tenant_id: z.string().trim().max(50).optional(),
  app_code: z.string().trim().max(50).optional(),
  q: z.string().trim().max(100).optional(),
  sort: zListSort(["key", "updated"]).optional(),
});
export type TListTenantConfigsInput = z.infer<typeof ZListTenantConfigsInput>;

export const ZVarKey = z
  .string()
  .min(1, "不能为空 (must not be empty)")
  .max(100, "不能超过 100 个字符 (must be at most 100 characters)");

/** One page of a task's variables: `q` matches the key; sorted by key or update time. */
export const ZListScriptVarsInput = ZPagination.extend({
  task_id: z.coerce.number().int().positive(),
  q: z.string().trim().max(100).optional(),
  sort: zListSort(["key", "updated"]).optional(),
});
export type TListScriptVarsInput = z.infer<typeof ZListScriptVarsInput>;

export const ZScriptVarRef = z.object({ task_id: z.number().int().positive(), key: ZVarKey });

/** `value` is any JSON value; its size is checked by the service (MAX_VAR_BYTES). */
export const ZSetScriptVarInput = ZScriptVarRef.extend({ value: z.unknown() });

/** The console's form of a variable: the value typed as JSON text, sent parsed. */
export const ZScriptVarForm = ZSetScriptVarInput.extend({
  value: z
    .string()
    .trim()
    .min(1, "不能为空 (must not be empty)")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "不是合法的 JSON (not valid JSON)" });
        return z.NEVER;
      }
    }),
});

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Omitted: the caller's own tenant (tenant scope) or a platform token (platform scope). */
  tenant_id: z.string().trim().min(1).max(50).nullish(),
  role: ZRole.optional(),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});
export type TCreateTokenInput = z.infer<typeof ZCreateTokenInput>;

export const ZTenantId = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    "以字母或数字开头，只能包含字母、数字、- 和 _ (letters, digits, '-' and '_' only)",
  );

/** A real calendar date: 2026-02-30 is refused here, so by the console and the server alike. */
const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "须为 YYYY-MM-DD 格式的日期 (must be YYYY-MM-DD)")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "不是有效的日期 (not a real date)");

/** A per-tenant runs-in-flight quota: a whole number of runs, 1 to 10,000. */
export const ZRunQuota = z
  .number({ error: "须为整数 (must be a whole number)" })
  .int("须为整数 (must be a whole number)")
  .min(1, "至少为 1 (must be at least 1)")
  .max(10_000, "不能大于 10000 (must be at most 10000)");

export const ZCreateTenantInput = z.object({
  tenant_id: ZTenantId,
  name: z.string().trim().min(1).max(100),
  is_enabled: z.boolean().default(true),
});
export type TCreateTenantInput = z.infer<typeof ZCreateTenantInput>;

export const ZUpdateTenantInput = z.object({
  tenant_id: ZTenantId,
  name: z.string().trim().min(1).max(100).optional(),
  is_enabled: z.boolean().optional(),
  extra_holidays: z.array(ZDate).max(366).optional(),
  extra_workdays: z.array(ZDate).max(366).optional(),
  /**
   * This tenant's runs in flight per process (platform_tenants.max_concurrent_runs), read by the
   * run limiter; null = the default (RUNS_TENANT_MAX_IN_FLIGHT). Platform admins only.
   */
  max_concurrent_runs: ZRunQuota.nullish(),
});
export type TUpdateTenantInput = z.infer<typeof ZUpdateTenantInput>;

/**
 * The console's tenant form: dates as typed (one per line or comma-separated), the quota as typed
 * ("" = the default); its output is a ZUpdateTenantInput.
 */
const ZDateLines = z.string().transform((text, ctx) => {
  const dates = text
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = dates.find((d) => !ZDate.safeParse(d).success);
  if (bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: `日期格式应为 YYYY-MM-DD：${bad} (dates are YYYY-MM-DD: ${bad})`,
    });
    return z.NEVER;
  }
  return [...new Set(dates)].sort();
});

export const ZTenantForm = z.object({
  tenant_id: ZTenantId,
  name: z.string().trim().min(1).max(100),
  is_enabled: z.boolean(),
  extra_holidays: ZDateLines,
  extra_workdays: ZDateLines,
  max_concurrent_runs: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(ZRunQuota.nullable()),
});
export type TTenantFormValues = z.input<typeof ZTenantForm>;

/** A new user with one membership, or a membership added to an existing user (by email). */
export const ZCreateUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    name: z.string().trim().max(100).optional(),
    password: z.string().min(8).max(200).optional(),
    tenant_id: z.string().trim().min(1).max(50).optional(),
    role: ZRole,
  })
  .refine((v) => v.role === "platform_admin" || v.tenant_id, {
    path: ["tenant_id"],
    message: "租户角色须指定租户 (is required for tenant roles)",
  });
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

/** tenants.delete */
export const ZDeleteTenantInput = z.object({ tenant_id: z.string().min(1).max(50) });
/** tenants.members: a platform admin names the tenant; a tenant scope lists its own. */
export const ZListMembersInput = z.object({ tenant_id: ZTenantFilter.optional() }).optional();
/** tenants.removeMember: one membership (tenant_id '' = the platform membership). */
export const ZRemoveMemberInput = z.object({ user_id: ZPositiveInt, tenant_id: z.string().max(50) });
