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

/**
 * `n` yearly Python tasks (unless `fields` say otherwise) whose next fire is `ms` from now: the
 * look-ahead's view of a burst coming (the dispatcher fires each once during a test).
 */
export async function tasksDueIn(
  scope: Scope,
  n: number,
  ms: number,
  fields: Record<string, unknown> = {},
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      (
        await makeTask(scope, {
          task_name: `t${ms}-${i}-${String(fields.script_language ?? "python")}`,
          schedule_type: "cron",
          cron_expression: "0 0 1 1 *", // yearly: one fire during the test
          script_language: "python",
          script_content: "result = {'content': 'ok ' + str(task_id)}",
          ...fields,
        })
      ).id,
    );
  await db.scheduledTask.updateMany({
    where: { id: { in: ids } },
    data: { nextRunAt: new Date(Date.now() + ms) },
  });
  return ids;
}
