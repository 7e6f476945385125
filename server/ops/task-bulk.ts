import { ZBulkTasksInput, type TBulkTasksInput } from "@/lib/schemas/ops";
import { AppError } from "../errors";
import { assertCanWrite, type Scope } from "../auth/scope";
import { runTaskNow } from "../runs/manual-run";
import { deleteTask, findTaskOrThrow, toggleTask, updateTask } from "../services/tasks";

export type BulkRowResult = {
  id: number;
  task_name: string | null;
  ok: boolean;
  /** What happened (ok) or why not: an error code the console translates, and its message. */
  code: string;
  message: string;
  /** A refusal's reason (lib/errors.ts) and its params, for the console's words. */
  reason?: string;
  params?: Record<string, unknown>;
  /** The run started by "run". */
  trace_id?: string;
};

/**
 * One action on many tasks, each through the same service as the single action (scope, checks
 * and audit included); one task's refusal does not stop the others. Reports per task.
 */
export async function bulkTasks(opts: { scope: Scope; input: TBulkTasksInput }): Promise<BulkRowResult[]> {
  assertCanWrite(opts.scope);
  const input = ZBulkTasksInput.parse(opts.input);
  const results: BulkRowResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    let name: string | null = null;
    try {
      const task = await findTaskOrThrow(opts.scope, id);
      name = task.taskName;
      let message: string;
      let traceId: string | undefined;
      switch (input.action) {
        case "enable":
        case "disable":
          await toggleTask({ scope: opts.scope, id, isEnabled: input.action === "enable" });
          message = input.action === "enable" ? "已启用" : "已停用";
          break;
        case "run": {
          const { trace_id } = await runTaskNow({ scope: opts.scope, id });
          message = "已开始运行";
          traceId = trace_id;
          break;
        }
        case "delete":
          await deleteTask({ scope: opts.scope, id });
          message = "已删除";
          break;
        case "set_channels":
          await updateTask({ scope: opts.scope, id, input: { notify_channels: input.channel_ids ?? [] } });
          message = "已设置通知渠道";
          break;
      }
      results.push({
        id,
        task_name: name,
        ok: true,
        code: "OK",
        message,
        ...(traceId ? { trace_id: traceId } : {}),
      });
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      results.push({
        id,
        task_name: name,
        ok: false,
        code: e?.code ?? "INTERNAL",
        message: e ? e.message : "internal error",
        reason: e?.reason ?? "INTERNAL",
        params: e?.params ?? {},
      });
    }
  }
  return results;
}
