import { z } from "zod";
import { AppError } from "../../errors";
import { readSecretForRun } from "../../services/secrets";
import { deleteVarForRun, readVarForRun, toJsonValue, writeVarForRun } from "../../services/script-vars";
import {
  getAllTenantConfigsForRun,
  getTenantConfigForRun,
  listTenantsForRun,
} from "../../services/tenant-configs";
import { ScriptFacingError } from "../run-context";
import { parseArgs, type HostBinding } from "./types";

// Vars, tenants, tenant configs and secrets: each limited to what the run's task may see.

const ZKey = z.string().min(1, "不能为空").max(100, "最长 100 个字符");

async function asScriptError<T>(fn: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === "BAD_REQUEST")
      throw new ScriptFacingError(`${fn}(): ${err.details?.[0]?.message ?? err.message}`);
    throw err;
  }
}

export const dataBindings: Record<string, HostBinding> = {
  get_var: (ctx, args) => {
    const [key, fallback = null] = parseArgs(
      "get_var",
      ["key", "default"],
      z.tuple([ZKey, z.unknown().optional()]),
      args,
    );
    if (ctx.taskId === null) return ctx.localVars.has(key) ? ctx.localVars.get(key) : fallback;
    return asScriptError("get_var", async () => {
      const found = await readVarForRun(ctx.taskId!, key);
      return found.found ? found.value : fallback;
    });
  },

  set_var: (ctx, args) => {
    const [key, value] = parseArgs("set_var", ["key", "value"], z.tuple([ZKey, z.unknown()]), args);
    return asScriptError("set_var", async () => {
      if (ctx.taskId === null) {
        toJsonValue(value); // same size and shape rules as a stored var
        ctx.localVars.set(key, value ?? null);
      } else {
        await writeVarForRun(ctx.taskId, key, value);
      }
      return null;
    });
  },

  del_var: (ctx, args) => {
    const [key] = parseArgs("del_var", ["key"], z.tuple([ZKey]), args);
    if (ctx.taskId === null) {
      ctx.localVars.delete(key);
      return null;
    }
    return deleteVarForRun(ctx.taskId, key).then(() => null);
  },

  get_tenants: (ctx) => listTenantsForRun(ctx.tenantId),

  get_tenant_config: async (ctx, args) => {
    const [tenantId, appCode, key] = parseArgs(
      "get_tenant_config",
      ["tenant_id", "app_code", "key"],
      z.tuple([z.string().min(1), z.string().min(1), z.string().min(1)]),
      args,
    );
    if (ctx.tenantId !== null && tenantId !== ctx.tenantId) {
      throw new ScriptFacingError(`get_tenant_config(): 租户任务只能读取本租户（${ctx.tenantId}）的配置`);
    }
    const found = await getTenantConfigForRun({ runTenantId: ctx.tenantId, tenantId, appCode, key });
    if (found?.secret) ctx.output.addSecret(found.value);
    return found?.value ?? null;
  },

  get_all_tenant_configs: async (ctx, args) => {
    const [appCode, key] = parseArgs(
      "get_all_tenant_configs",
      ["app_code", "key"],
      z.tuple([z.string().min(1), z.string().min(1)]),
      args,
    );
    const rows = await getAllTenantConfigsForRun({ runTenantId: ctx.tenantId, appCode, key });
    for (const r of rows) if (r.secret) ctx.output.addSecret(r.value);
    return rows.map((r) => ({ tenant_id: r.tenant_id, value: r.value }));
  },

  get_secret: async (ctx, args) => {
    const [key] = parseArgs("get_secret", ["key"], z.tuple([ZKey]), args);
    const value = await readSecretForRun({ tenantId: ctx.tenantId, key });
    ctx.output.addSecret(value);
    return value;
  },
};
