"use client";

import * as React from "react";

import { PageHeader } from "@/components/shell/page-header";
import { useT } from "@/lib/i18n/client";
import { RunsChart } from "./runs-chart";
import { LIVE_POLL_MS, RunsTable } from "./runs-table";

/** /runs: the scope's run history with the recent-runs chart. */
export function RunsPage() {
  const t = useT();
  const [live, setLive] = React.useState(false);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader title={t("runs.title")} description={t("runs.subtitle")} />
      <RunsChart refetchInterval={live ? LIVE_POLL_MS : false} />
      <RunsTable onLiveChange={setLive} />
    </div>
  );
}
