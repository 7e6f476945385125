"use client";

import * as React from "react";
import Link from "next/link";
import { SearchIcon } from "lucide-react";

import { PageHeader } from "@/components/shell/page-header";
import { TimeZoneNote } from "@/components/shell/time-zone-note";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import { RunsChart } from "./runs-chart";
import { LIVE_POLL_MS, RunsTable } from "./runs-table";

/** /runs: the scope's run history with the recent-runs chart; the run search is one click away. */
export function RunsPage() {
  const t = useT();
  const [live, setLive] = React.useState(false);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={t("runs.title")}
        description={
          <span className="flex flex-col gap-1">
            <span>{t("runs.subtitle")}</span>
            <TimeZoneNote />
          </span>
        }
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/runs/search">
              <SearchIcon aria-hidden />
              {t("runs.searchLink")}
            </Link>
          </Button>
        }
      />
      <RunsChart refetchInterval={live ? LIVE_POLL_MS : false} />
      <RunsTable onLiveChange={setLive} />
    </div>
  );
}
