import type { useT } from "@/lib/i18n/client";
import type { TRunStatus } from "@/lib/schemas/run";

/** The console's word for a run status (every value of the Prisma enum). */
export function runStatusLabel(t: ReturnType<typeof useT>, s: TRunStatus): string {
  if (s === "cancelled" || s === "partial") return t(`ops.status.${s}`);
  return t(`tasks.status.${s}`);
}
