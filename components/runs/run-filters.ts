import type { ListFilter } from "@/components/data-table/list-toolbar";
import type { useT } from "@/lib/i18n/client";
import { RUN_STATUSES, RUN_TRIGGERS } from "@/lib/schemas/run";
import { runStatusLabel } from "./run-status-label";

/** The status and trigger filters of every runs list (a task's runs tab and the run search). */
export function runFilters(t: ReturnType<typeof useT>): ListFilter[] {
  return [
    {
      key: "status",
      label: t("runs.filters.status"),
      allLabel: t("runs.filters.allStatuses"),
      options: RUN_STATUSES.map((s) => ({ value: s, label: runStatusLabel(t, s) })),
    },
    {
      key: "trigger",
      label: t("runs.filters.trigger"),
      allLabel: t("runs.filters.allTriggers"),
      options: RUN_TRIGGERS.map((s) => ({ value: s, label: t(`labels.trigger.${s}`) })),
    },
  ];
}
