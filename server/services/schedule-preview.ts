import { z } from "zod";
import type { Scope } from "../auth/scope";
import { scopeTenantId } from "../db/scoped";
import { calendarForTenant } from "../schedule/next-run";
import { previewSchedule } from "../schedule/preview";

/** preview-schedule for a caller: a tenant's own extra holidays/workdays apply to the filter. */
export async function previewScheduleFor(opts: { scope: Scope; input: unknown }) {
  const calendar = await calendarForTenant(scopeTenantId(opts.scope));
  return previewSchedule(opts.input, { calendar });
}

/** The body is checked by previewSchedule itself, field by field. */
export const ZPreviewBody = z.unknown();
