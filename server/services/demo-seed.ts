import { db } from "../db";
import { scopedDb } from "../db/scoped";
import { platformScope } from "../auth/scope";
import { recordAudit } from "./audit";
import { seedDemoBusiness } from "./demo-business";
import { DEMO_SALES_REPORT_SCRIPT } from "./demo-scripts";
import { ensureFirstAdmin } from "./users";
import { createTask } from "./tasks";
import { ZCreateTaskInput } from "@/lib/schemas/task";

export const DEMO_TENANT_ID = "demo";

/**
 * What a fresh installation starts with: the first platform admin, a demo tenant and one demo
 * script task (the seed's 销售日报 on the demo data source, no channels). Idempotent: existing rows are left alone.
 */
export async function seedDemo(opts: {
  adminEmail: string;
  adminPassword?: string;
  /** Also create the demo business database, its SELECT-only user and data source (npm start). */
  businessDatabaseUrl?: string;
}) {
  const admin = await ensureFirstAdmin({ email: opts.adminEmail, password: opts.adminPassword });
  const scope = platformScope({ type: "system", id: "seed" });
  if (!(await db.tenant.findUnique({ where: { tenantId: DEMO_TENANT_ID } }))) {
    await db.tenant.create({ data: { tenantId: DEMO_TENANT_ID, name: "演示租户" } });
    await recordAudit(scope, {
      action: "tenant.create",
      entityType: "tenant",
      entityId: DEMO_TENANT_ID,
      tenantId: DEMO_TENANT_ID,
    });
  }
  const taskName = "销售日报";
  let taskCreated = false;
  const demoTasks = scopedDb(scope, { narrow: DEMO_TENANT_ID }).scheduledTask;
  if (!(await demoTasks.findFirst({ where: { taskName } }))) {
    // Through the task service, so next_run_at, the script history and the audit entry are right.
    await createTask({
      scope,
      input: ZCreateTaskInput.parse({
        tenant_id: DEMO_TENANT_ID,
        task_name: taskName,
        task_desc: "每个工作日 09:00 生成销售日报卡片（演示任务，未配置通知渠道）",
        schedule_type: "simple",
        time_points: ["09:00"],
        timezone: "Asia/Shanghai",
        workday_filter: "workday",
        execution_type: "script",
        script_language: "python",
        script_content: DEMO_SALES_REPORT_SCRIPT,
      }),
    });
    taskCreated = true;
  }
  const business = opts.businessDatabaseUrl
    ? await seedDemoBusiness({ databaseUrl: opts.businessDatabaseUrl, tenantId: DEMO_TENANT_ID })
    : null;
  return { admin, taskCreated, business };
}
