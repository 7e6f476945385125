import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type SecretRow = Outputs["secrets"]["list"][number];
export type TenantConfigRow = Outputs["tenantConfigs"]["list"]["items"][number];
export type ScriptVarRow = Outputs["scriptVars"]["list"]["items"][number];
export type TokenRow = Outputs["tokens"]["list"][number];
export type TenantRow = Outputs["tenants"]["list"][number];
export type MemberRow = Outputs["tenants"]["members"][number];
export type AuditRow = Outputs["audit"]["list"]["items"][number];
