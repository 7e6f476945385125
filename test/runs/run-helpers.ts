import { ZCreateChannelInput } from "@/lib/schemas/channel";
import { ZCreateTaskInput } from "@/lib/schemas/task";
import { platformScope, type Scope } from "@/server/auth/scope";
import { db } from "@/server/db";
import { createChannel } from "@/server/services/channels";
import { createTask } from "@/server/services/tasks";
import { createTenant } from "@/server/services/tenants";

export const admin = platformScope();

export { allowLoopback } from "../helpers/net";

export async function makeTenant(tenantId = "acme"): Promise<Scope> {
  await createTenant({ scope: admin, input: { tenant_id: tenantId, name: tenantId, is_enabled: true } });
  return { type: "tenant", tenantId, role: "tenant_admin", actor: { type: "system", id: "test" } };
}

export async function makeTask(scope: Scope, fields: Record<string, unknown>) {
  return createTask({
    scope,
    input: ZCreateTaskInput.parse({
      task_name: "测试任务",
      schedule_type: "simple",
      time_points: ["08:00"],
      execution_type: "script",
      ...fields,
    }),
  });
}

export async function makeChannel(scope: Scope, fields: Record<string, unknown>) {
  return createChannel({ scope, input: ZCreateChannelInput.parse({ channel_name: "群机器人", ...fields }) });
}

export async function logsOf(taskId: number) {
  return db.taskLog.findMany({ where: { taskId }, orderBy: { id: "asc" } });
}
