"use client";

import {
  AlertTriangleIcon,
  BanIcon,
  CheckCircle2Icon,
  CircleDashedIcon,
  Loader2Icon,
  SkipForwardIcon,
  XCircleIcon,
} from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { useT } from "@/lib/i18n/client";

/** A run's (or a task's last run's) status, with an icon so it is not told by colour alone. */
export function RunStatusBadge({ status }: { status: string | null | undefined }) {
  const t = useT();
  switch (status) {
    case "success":
      return (
        <Badge variant="success" data-status="success">
          <CheckCircle2Icon aria-hidden />
          {t("labels.runStatus.success")}
        </Badge>
      );
    case "failed":
      return (
        <Badge variant="destructive" data-status="failed">
          <XCircleIcon aria-hidden />
          {t("labels.runStatus.failed")}
        </Badge>
      );
    case "running":
      return (
        <Badge variant="warning" data-status="running">
          <Loader2Icon className="animate-spin" aria-hidden />
          {t("labels.runStatus.running")}
        </Badge>
      );
    case "skipped":
      return (
        <Badge variant="secondary" data-status="skipped">
          <SkipForwardIcon aria-hidden />
          {t("labels.runStatus.skipped")}
        </Badge>
      );
    case "cancelled":
      return (
        <Badge variant="secondary" data-status="cancelled">
          <BanIcon aria-hidden />
          {t("labels.runStatus.cancelled")}
        </Badge>
      );
    case "partial":
      return (
        <Badge variant="warning" data-status="partial">
          <AlertTriangleIcon aria-hidden />
          {t("labels.runStatus.partial")}
        </Badge>
      );
    default:
      return (
        <Badge variant="outline" data-status="never" className="text-muted-foreground">
          <CircleDashedIcon aria-hidden />
          {t("labels.runStatus.never")}
        </Badge>
      );
  }
}
