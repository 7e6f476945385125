import { z } from "zod";
import { zBool } from "../zod-helpers";
import { ZPositiveInt, ZTenantFilter } from "./common";
import { ZRunStatus, ZRunTrigger } from "./run";

// Inputs of the operations console: run search, bulk actions on tasks, import / export.

/** Text search in output and error reads every row of the range: at most this many days. */
export const TEXT_SEARCH_MAX_DAYS = 31;

const ZDateTime = z.coerce.date({ error: "须为日期时间 (must be a date-time)" });

export const ZSearchRunsInput = z
  .object({
    task_id: z.coerce.number().int().positive().optional(),
    tenant_id: z.string().trim().max(50).optional(),
    status: ZRunStatus.optional(),
    trigger: ZRunTrigger.optional(),
    trace_id: z.string().trim().max(100).optional(),
    /** Runs created at or after / before these instants (default: the last 7 days). */
    from: ZDateTime.optional(),
    to: ZDateTime.optional(),
    /** Text in the run's output or error. */
    q: z.string().trim().max(200).optional(),
    /** Keyset paging: runs with a smaller id than this. */
    cursor: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "结束时间须晚于开始时间 (must be after from)" });
  });
export type TSearchRunsInput = z.input<typeof ZSearchRunsInput>;

export const BULK_ACTIONS = ["enable", "disable", "run", "delete", "set_channels"] as const;
export const ZBulkTasksInput = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(200),
    action: z.enum(BULK_ACTIONS),
    /** For set_channels: the channels the tasks push to (replaces theirs). */
    channel_ids: z.array(z.number().int().positive()).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "set_channels" && !v.channel_ids)
      ctx.addIssue({ code: "custom", path: ["channel_ids"], message: "须选择渠道 (channels required)" });
  });
export type TBulkTasksInput = z.input<typeof ZBulkTasksInput>;

export const ZExportTasksInput = z.object({
  /** Tasks to export; none = every task of the scope (at most 1,000). */
  ids: z.array(z.number().int().positive()).max(1000).optional(),
  tenant_id: z.string().trim().max(50).optional(),
});

export const ZImportTasksInput = z.object({
  tenant_id: z.string().trim().max(50).optional(),
  /** An export file (`{format, tasks}`) or just its tasks. */
  tasks: z.array(z.record(z.string(), z.unknown())).min(1).max(1000),
  /** Only validate and report; change nothing. */
  dry_run: zBool.default(false),
});
export type TImportTasksInput = z.input<typeof ZImportTasksInput>;

/** The overview and the alert settings: a platform admin may narrow to one tenant. */
export const ZOpsTenantInput = z.object({ tenant_id: ZTenantFilter.optional() }).optional();

/** The scope's default alert channel; null = none. */
export const ZSetDefaultAlertChannelInput = z.object({
  tenant_id: ZTenantFilter.optional(),
  channel_id: ZPositiveInt.nullable(),
});

/** The select's value for "no default channel" (a select item cannot have an empty value). */
export const NO_ALERT_CHANNEL = "none";

/** The default alert channel's console form: the select's value, a channel id or NO_ALERT_CHANNEL. */
export const ZDefaultAlertChannelForm = z.object({
  channel_id: z
    .string()
    .transform((v) => (v === NO_ALERT_CHANNEL ? null : Number(v)))
    .pipe(ZSetDefaultAlertChannelInput.shape.channel_id),
});
