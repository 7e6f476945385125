import { ZIdInput } from "@/lib/schemas/common";
import {
  ZBulkTasksInput,
  ZExportTasksInput,
  ZImportTasksInput,
  ZOpsTenantInput,
  ZSearchRunsInput,
  ZSetDefaultAlertChannelInput,
} from "@/lib/schemas/ops";
import { repushRun, rerunRun } from "../runs/repush";
import { getDefaultAlertChannel, setDefaultAlertChannel } from "../services/alert-settings";
import { overview } from "../services/overview";
import { exportRunsCsv, searchRuns } from "../services/run-search";
import { bulkTasks } from "../ops/task-bulk";
import { exportTasks, importTasks } from "../services/task-transfer";
import { createTRPCRouter, tenantProcedure, writeProcedure } from "../trpc";

/** The operations console: 运维总览, run search, bulk actions, run controls, import / export, alerts. */
export const opsRouter = createTRPCRouter({
  overview: tenantProcedure
    .input(ZOpsTenantInput)
    .query(({ ctx, input }) => overview({ scope: ctx.scope, tenantId: input?.tenant_id })),
  searchRuns: tenantProcedure
    .input(ZSearchRunsInput)
    .query(({ ctx, input }) => searchRuns({ scope: ctx.scope, input })),
  exportRunsCsv: tenantProcedure
    .input(ZSearchRunsInput)
    .query(({ ctx, input }) => exportRunsCsv({ scope: ctx.scope, input })),
  bulkTasks: writeProcedure
    .input(ZBulkTasksInput)
    .mutation(({ ctx, input }) => bulkTasks({ scope: ctx.scope, input })),
  repush: writeProcedure
    .input(ZIdInput)
    .mutation(({ ctx, input }) => repushRun({ scope: ctx.scope, logId: input.id })),
  rerun: writeProcedure
    .input(ZIdInput)
    .mutation(({ ctx, input }) => rerunRun({ scope: ctx.scope, logId: input.id })),
  exportTasks: tenantProcedure
    .input(ZExportTasksInput)
    .query(({ ctx, input }) => exportTasks({ scope: ctx.scope, input })),
  importTasks: writeProcedure
    .input(ZImportTasksInput)
    .mutation(({ ctx, input }) => importTasks({ scope: ctx.scope, input })),
  defaultAlertChannel: tenantProcedure
    .input(ZOpsTenantInput)
    .query(({ ctx, input }) => getDefaultAlertChannel({ scope: ctx.scope, tenantId: input?.tenant_id })),
  setDefaultAlertChannel: writeProcedure
    .input(ZSetDefaultAlertChannelInput)
    .mutation(({ ctx, input }) =>
      setDefaultAlertChannel({ scope: ctx.scope, tenantId: input.tenant_id, channelId: input.channel_id }),
    ),
});
