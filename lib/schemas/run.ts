import { z } from "zod";
import { LastRunStatus, RunStatus, RunTrigger } from "@/generated/prisma/enums";
import { ZIdParams, ZListLimit, ZPositiveInt, ZTenantFilter } from "./common";

// Runs (task logs): the statuses and triggers, derived from the Prisma enums (one list:
// schema.prisma), and the inputs of the run lists, shared by services, tRPC, REST and the console.

export const RUN_STATUSES = Object.values(RunStatus);
export const ZRunStatus = z.enum(RunStatus);
export type TRunStatus = z.infer<typeof ZRunStatus>;

/** A task's last run status: a run's, less "skipped" (a skipped run does not change it). */
export const LAST_RUN_STATUSES = Object.values(LastRunStatus);
export const ZLastRunStatus = z.enum(LastRunStatus);

export const RUN_TRIGGERS = Object.values(RunTrigger);
export const ZRunTrigger = z.enum(RunTrigger);
export type TRunTrigger = z.infer<typeof ZRunTrigger>;

export const ZListRunsInput = z.object({
  task_id: ZPositiveInt.optional(),
  tenant_id: ZTenantFilter.optional(),
  status: ZRunStatus.optional(),
  trigger: ZRunTrigger.optional(),
  trace_id: z.string().trim().max(100).optional(),
  /** Keyset pagination: the last id of the previous page (ids only go down). */
  cursor: ZPositiveInt.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type TListRunsInput = z.input<typeof ZListRunsInput>;

/** Duration and outcome of recent runs (the console's chart). */
export const ZRunStatsInput = z.object({
  task_id: ZPositiveInt.optional(),
  limit: ZListLimit.optional(),
});

/** POST /api/scheduled-tasks/{id}/logs/{log_id}/cancel */
export const ZCancelRunParams = ZIdParams.extend({
  log_id: z.coerce.number({ error: "must be a number" }).int().positive(),
});

/** messages.preview: a stored run result, formatted for each robot (the formatter checks it). */
export const ZMessagePreviewInput = z.object({ result: z.unknown() });
