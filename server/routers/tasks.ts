import { z } from "zod";
import { ZIdParams } from "@/lib/schemas/common";
import {
  ZCreateTaskInput,
  ZListTaskLogsInput,
  ZListTasksInput,
  ZRestoreScriptVersionInput,
  ZRunTaskByIdInput,
  ZScriptDiffInput,
  ZScriptVersionInput,
  ZToggleTaskByIdInput,
  ZUpdateTaskInput,
} from "@/lib/schemas/task";
import { runTaskNow } from "../runs/manual-run";
import { previewScheduleFor } from "../services/schedule-preview";
import {
  diffScriptVersions,
  getScriptVersion,
  listScriptVersions,
  restoreScriptVersion,
} from "../services/script-versions";
import {
  createTask,
  deleteTask,
  getTaskOrThrow,
  getWebhookSigningKey,
  rotateWebhookSigningKey,
  listTaskLogs,
  listTasks,
  toggleTask,
  updateTask,
} from "../services/tasks";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const tasksRouter = createTRPCRouter({
  list: tenantProcedure.input(ZListTasksInput.optional()).query(({ ctx, input }) => {
    const q = input ?? ZListTasksInput.parse({});
    return listTasks({ scope: ctx.scope, filter: q, page: q });
  }),
  get: tenantProcedure
    .input(ZIdParams)
    .query(({ ctx, input }) => getTaskOrThrow({ scope: ctx.scope, id: input.id })),
  create: tenantProcedure
    .input(ZCreateTaskInput)
    .mutation(({ ctx, input }) => createTask({ scope: ctx.scope, input })),
  update: tenantProcedure
    .input(ZIdParams.extend({ data: ZUpdateTaskInput }))
    .mutation(({ ctx, input }) => updateTask({ scope: ctx.scope, id: input.id, input: input.data })),
  delete: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteTask({ scope: ctx.scope, id: input.id })),
  toggle: tenantProcedure
    .input(ZToggleTaskByIdInput)
    .mutation(({ ctx, input }) =>
      toggleTask({ scope: ctx.scope, id: input.id, isEnabled: input.is_enabled }),
    ),
  run: tenantProcedure
    .input(ZRunTaskByIdInput)
    .mutation(({ ctx, input }) =>
      runTaskNow({ scope: ctx.scope, id: input.id, inputParams: input.input_params }),
    ),
  webhookKey: tenantProcedure
    .input(ZIdParams)
    .query(({ ctx, input }) => getWebhookSigningKey({ scope: ctx.scope, id: input.id })),
  rotateWebhookKey: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => rotateWebhookSigningKey({ scope: ctx.scope, id: input.id })),
  logs: tenantProcedure
    .input(ZListTaskLogsInput)
    .query(({ ctx, input }) => listTaskLogs({ scope: ctx.scope, id: input.id, filter: input, page: input })),
  previewSchedule: tenantProcedure
    .input(z.unknown())
    .query(({ ctx, input }) => previewScheduleFor({ scope: ctx.scope, input })),
  versions: tenantProcedure
    .input(ZIdParams)
    .query(({ ctx, input }) => listScriptVersions({ scope: ctx.scope, taskId: input.id })),
  version: tenantProcedure
    .input(ZScriptVersionInput)
    .query(({ ctx, input }) =>
      getScriptVersion({ scope: ctx.scope, taskId: input.id, version: input.version }),
    ),
  diff: tenantProcedure
    .input(ZScriptDiffInput)
    .query(({ ctx, input }) =>
      diffScriptVersions({ scope: ctx.scope, taskId: input.id, from: input.from, to: input.to }),
    ),
  restore: tenantProcedure.input(ZRestoreScriptVersionInput).mutation(({ ctx, input }) =>
    restoreScriptVersion({
      scope: ctx.scope,
      taskId: input.id,
      version: input.version,
      expectedVersion: input.expected_version,
    }),
  ),
});
