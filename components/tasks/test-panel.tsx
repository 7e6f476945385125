"use client";

import { CheckCircle2Icon, FlaskConicalIcon, Loader2Icon, XCircleIcon } from "lucide-react";

import { errorLine } from "@/components/editor/syntax-check";
import { RobotPreview } from "@/components/messages/robot-preview";
import { formatDuration } from "@/components/tasks/format-time";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useLocale, useT } from "@/lib/i18n/client";
import { resultIssueLines, runErrorText } from "@/components/i18n/run-words";

export type TestOutcome = {
  success: boolean;
  output: string;
  error: string | null;
  duration_ms: number;
  messages: { dingtalk_bot: unknown[]; wecom_bot: unknown[] } | null;
};

/** The test run's result: output lines, the error (its line is marked in the editor), duration, previews. */
export function TestPanel({
  outcome,
  pending,
  requestError,
  onRun,
  canRun,
  hasChannels,
  language,
}: {
  outcome: TestOutcome | null;
  pending: boolean;
  requestError: string | null;
  onRun: () => void;
  canRun: boolean;
  /** Without channels the previews are only previews: nothing would be pushed. */
  hasChannels: boolean;
  language: "javascript" | "python";
}) {
  const t = useT();
  const locale = useLocale();
  const at = errorLine(outcome?.error, language);
  const explained = resultIssueLines(outcome?.error, locale);
  return (
    <Card data-slot="test-panel" aria-busy={pending}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <FlaskConicalIcon className="size-4" aria-hidden />
          {t("tasks.test.title")}
        </CardTitle>
        <CardDescription>{t("tasks.test.hint")}</CardDescription>
        {canRun ? (
          <CardAction>
            <Button type="button" variant="secondary" size="sm" onClick={onRun} disabled={pending}>
              {pending ? (
                <Loader2Icon className="animate-spin" aria-hidden />
              ) : (
                <FlaskConicalIcon aria-hidden />
              )}
              {pending ? t("tasks.editor.testing") : t("tasks.test.run")}
            </Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {requestError ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
          >
            {requestError}
          </p>
        ) : null}
        {!outcome && !requestError ? (
          <p className="text-sm text-muted-foreground">{t("tasks.test.idle")}</p>
        ) : null}
        {outcome ? (
          <>
            <div
              className="flex flex-wrap items-center gap-3 text-sm"
              role="status"
              data-slot="test-status"
              data-success={outcome.success}
            >
              {outcome.success ? (
                <span className="flex items-center gap-1 font-medium text-success">
                  <CheckCircle2Icon className="size-4" aria-hidden />
                  {t("tasks.test.success")}
                </span>
              ) : (
                <span className="flex items-center gap-1 font-medium text-destructive">
                  <XCircleIcon className="size-4" aria-hidden />
                  {t("tasks.test.failed")}
                </span>
              )}
              <span className="text-muted-foreground tabular-nums">
                {t("tasks.test.duration", { ms: formatDuration(outcome.duration_ms) })}
              </span>
            </div>
            {outcome.error ? (
              <div className="flex flex-col gap-1">
                <h4 className="text-sm font-medium text-destructive">
                  {t("tasks.test.error")}
                  {at ? (
                    <span className="ml-2 font-normal">{t("tasks.test.errorAtLine", { line: at.line })}</span>
                  ) : null}
                </h4>
                {explained ? (
                  <div data-slot="result-explained" className="flex flex-col gap-1 text-sm text-destructive">
                    <p>{t("taskSettings.resultInvalid")}</p>
                    <ul className="list-disc pl-5">
                      {explained.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <pre
                    data-slot="test-error"
                    className="overflow-x-auto rounded-md bg-destructive/5 p-3 font-mono text-xs whitespace-pre-wrap text-destructive"
                  >
                    {runErrorText(outcome.error, locale)}
                  </pre>
                )}
              </div>
            ) : null}
            <div className="flex flex-col gap-1">
              <h4 className="text-sm font-medium">{t("tasks.test.output")}</h4>
              <pre
                data-slot="test-output"
                className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap"
              >
                {outcome.output || t("tasks.test.noOutput")}
              </pre>
            </div>
            <div className="flex flex-col gap-2">
              <h4 className="text-sm font-medium">{t("tasks.test.previews")}</h4>
              {outcome.messages && !hasChannels ? (
                <p className="text-xs text-muted-foreground" data-slot="no-channels-note">
                  {t("taskSettings.noChannelsNote")}
                </p>
              ) : null}
              {outcome.messages ? (
                <div className="grid gap-4 lg:grid-cols-2">
                  <div className="flex flex-col gap-2">
                    <h5 className="text-xs font-medium text-muted-foreground">{t("tasks.test.dingtalk")}</h5>
                    <RobotPreview channelType="dingtalk_bot" payloads={outcome.messages.dingtalk_bot} />
                  </div>
                  <div className="flex flex-col gap-2">
                    <h5 className="text-xs font-medium text-muted-foreground">{t("tasks.test.wecom")}</h5>
                    <RobotPreview channelType="wecom_bot" payloads={outcome.messages.wecom_bot} />
                  </div>
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">{t("tasks.test.noMessage")}</p>
              )}
            </div>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
