import { pruneLogs } from "./functions/prune-logs";
import { runScheduledTask } from "./functions/run-scheduled-task";
import { schedulerTick } from "./functions/scheduler-tick";

export const functions = [schedulerTick, runScheduledTask, pruneLogs];
