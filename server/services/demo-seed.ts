import { db } from "../db";
import { platformScope } from "../auth/scope";
import { recordAudit } from "./audit";
import { SALES_REPORT_SCRIPT } from "./demo-scripts";
import { ensureFirstAdmin } from "./users";

export const DEMO_TENANT_ID = "demo";

/**
 * What a fresh installation starts with: the first platform admin, a demo tenant and one demo
 * script task (the seed's 销售日报, no channels). Idempotent: existing rows are left alone.
 */
export async function seedDemo(opts: { adminEmail: string; adminPassword?: string }) {
  const admin = await ensureFirstAdmin({ email: opts.adminEmail, password: opts.adminPassword });
  const scope = platformScope({ type: "system", id: "seed" });
  if (!(await db.tenant.findUnique({ where: { tenantId: DEMO_TENANT_ID } }))) {
    await db.tenant.create({ data: { tenantId: DEMO_TENANT_ID, name: "演示租户" } });
    await recordAudit(scope, { action: "tenant.create", entityType: "tenant", entityId: DEMO_TENANT_ID, tenantId: DEMO_TENANT_ID });
  }
  const taskName = "销售日报";
  let taskCreated = false;
  if (!(await db.scheduledTask.findFirst({ where: { tenantId: DEMO_TENANT_ID, taskName } }))) {
    const task = await db.scheduledTask.create({
      data: {
        tenantId: DEMO_TENANT_ID,
        taskName,
        taskDesc: "每个工作日 09:00 生成销售日报卡片（演示任务，未配置通知渠道）",
        scheduleType: "simple",
        timePoints: ["09:00"],
        timezone: "Asia/Shanghai",
        executionType: "script",
        scriptContent: SALES_REPORT_SCRIPT,
        inputParams: {},
        notifyChannels: [],
        isEnabled: true,
      },
    });
    await recordAudit(scope, { action: "task.create", entityType: "task", entityId: task.id, tenantId: DEMO_TENANT_ID });
    taskCreated = true;
  }
  return { admin, taskCreated };
}
