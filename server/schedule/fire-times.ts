// Next fire times of a schedule, DST- and working-day-aware, computed with croner.
import { Cron } from "croner";
import { CRON_OPTIONS } from "@/lib/schedule/cron-expression";
import { normalizeTimePoint } from "@/lib/schedule/time-points";
import { isValidTimeZone } from "@/lib/schedule/time-zone";
import { AppError } from "@/server/errors";
import { isChinaWorkday } from "./china-calendar";
import { localDateKey } from "./zoned-time";
import type { Schedule } from "./types";

/** Give up after this many rejected candidates or this far ahead (then: no next fire time). */
export const MAX_FILTER_CANDIDATES = 1000;
export const MAX_SEARCH_MS = 2 * 366 * 24 * 3600 * 1000;

export type FireTimeIterator = {
  /** The first fire time strictly after `after`, or null if there is none within the search bounds. */
  next(after: Date): Date | null;
};

function cronJob(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { ...CRON_OPTIONS, timezone, paused: true });
}

/**
 * Fire times of the bare schedule, without the working-day filter.
 * Simple time points get one fixed-time cron job each (`30 2 * * *`), never a combined list:
 * "08:30" + "12:00" cannot be one pattern, and a one-value job is what croner (and Vixie cron)
 * treat as fixed-time: a time in the spring-forward gap runs at the first instant after it, a
 * time repeated at fall back runs once, at its first occurrence. Points that land on the same
 * instant (02:30 and 03:00 on a spring-forward day) fire once.
 */
function bareNext(schedule: Schedule): (after: Date) => Date | null {
  const tz = schedule.timezone;
  // croner would throw a bare RangeError (a 500) on an unknown zone that bypassed validation.
  if (!isValidTimeZone(tz)) throw new AppError("TIMEZONE_UNKNOWN", { timezone: tz }, { field: "timezone" });
  if (schedule.scheduleType === "simple") {
    const jobs = (schedule.timePoints ?? []).map((tp, i) => {
      const normalized = normalizeTimePoint(tp);
      if (!normalized) throw new AppError("TIME_POINT_INVALID", {}, { field: `time_points.${i}` });
      const [hh, mm] = normalized.split(":").map(Number);
      return cronJob(`${mm} ${hh} * * *`, tz);
    });
    return (after) => {
      let best: Date | null = null;
      for (const job of jobs) {
        const t = job.nextRun(after);
        if (t && (!best || t < best)) best = t;
      }
      return best;
    };
  }
  if (!schedule.cronExpression) throw new AppError("CRON_REQUIRED", {}, { field: "cron_expression" });
  let job: Cron;
  try {
    job = cronJob(schedule.cronExpression, tz);
  } catch (e) {
    throw new AppError(
      "CRON_INVALID",
      { detail: e instanceof Error ? e.message : String(e) },
      { field: "cron_expression" },
    );
  }
  return (after) => job.nextRun(after);
}

/** Build once, then call next() repeatedly (the scheduler and previews walk forward this way). */
export function compileSchedule(schedule: Schedule): FireTimeIterator {
  const next = bareNext(schedule);
  const filter = schedule.workdayFilter ?? "none";
  if (filter === "none") return { next };

  const tz = schedule.timezone;
  const wantWorkday = filter === "workday";
  const midnight = cronJob("0 0 0 * * *", tz);
  return {
    next(after) {
      const limit = after.getTime() + MAX_SEARCH_MS;
      let cursor = after;
      for (let i = 0; i < MAX_FILTER_CANDIDATES; i++) {
        const candidate = next(cursor);
        if (!candidate || candidate.getTime() > limit) return null;
        if (isChinaWorkday(localDateKey(candidate, tz), schedule.calendar) === wantWorkday) return candidate;
        // Skip the rest of that local day at once: an every-minute job must not spend its whole
        // candidate budget inside a nine-day Spring Festival.
        const nextDay = midnight.nextRun(candidate);
        if (!nextDay) return null;
        cursor = new Date(nextDay.getTime() - 1);
      }
      return null;
    },
  };
}

/** The first fire time strictly after `after`, or null when there is none (within two years, if filtered). */
export function nextFireTime(schedule: Schedule, after: Date): Date | null {
  return compileSchedule(schedule).next(after);
}

/** Up to `count` fire times strictly after `from`, in order (fewer when the schedule ends). */
export function nextFireTimes(schedule: Schedule, from: Date, count: number): Date[] {
  const it = compileSchedule(schedule);
  const out: Date[] = [];
  let cursor = from;
  while (out.length < count) {
    const t = it.next(cursor);
    if (!t) break;
    out.push(t);
    cursor = t;
  }
  return out;
}
