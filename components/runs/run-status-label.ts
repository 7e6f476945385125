import type { useT } from "@/lib/i18n/client";
import type { TRunStatus } from "@/lib/schemas/run";

/** The console's word for a run status (every value of the Prisma enum). */
export function runStatusLabel(t: ReturnType<typeof useT>, s: TRunStatus): string {
  return t(`labels.runStatus.${s}`);
}
