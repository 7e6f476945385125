import { db } from "../db";
import { calendarFromTenant, scheduleFromTask, type TaskScheduleColumns } from "./validate";
import { nextFireTime } from "./fire-times";
import type { TenantCalendar } from "./types";

type Client = Pick<typeof db, "tenant">;

/** The tenant's extra holidays / workdays (global tasks: none). */
export async function calendarForTenant(
  tenantId: string | null,
  client: Client = db,
): Promise<TenantCalendar> {
  if (!tenantId) return calendarFromTenant(null);
  return calendarFromTenant(await client.tenant.findUnique({ where: { tenantId } }));
}

/**
 * The next fire strictly after `after`, or null for a disabled task, one whose schedule never
 * fires again, or a stored row whose schedule no longer validates.
 */
export function computeNextRunAt(
  task: TaskScheduleColumns & { isEnabled: boolean | null },
  calendar: TenantCalendar,
  after: Date,
): Date | null {
  if (task.isEnabled === false) return null;
  const checked = scheduleFromTask(task, calendar);
  return checked.ok ? nextFireTime(checked.schedule, after) : null;
}
