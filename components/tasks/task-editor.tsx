"use client";

import * as React from "react";

import Link from "next/link";
import {
  ArrowLeftIcon,
  FileClockIcon,
  FlaskConicalIcon,
  Loader2Icon,
  PlayIcon,
  SaveIcon,
} from "lucide-react";

import { RunsChart } from "@/components/runs/runs-chart";
import { RunsTable } from "@/components/runs/runs-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { RunNowDialog } from "@/components/ops/run-now-dialog";
import { useT } from "@/lib/i18n/client";
import { AlertsSection } from "./editor/alerts-section";
import { BasicSection } from "./editor/basic-section";
import { EditorDialogs } from "./editor/editor-dialogs";
import { ExecutionSection } from "./editor/execution-section";
import { LimitsSection } from "./editor/limits-section";
import { NotifySection } from "./editor/notify-section";
import { ScheduleSection } from "./editor/schedule-section";
import { useTaskEditor, type TaskEditorState, type TaskView } from "./editor/use-task-editor";
import { TestPanel } from "./test-panel";

/**
 * The task editor (/tasks/new and /tasks/[id]): one component per section (editor/), the state
 * and actions in useTaskEditor, and for a saved task its run history.
 */
export function TaskEditor({ task }: { task?: TaskView }) {
  const t = useT();
  const ed = useTaskEditor(task);
  const settings = <SettingsForm ed={ed} />;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <Button asChild variant="ghost" size="sm" className="-ml-2">
          <Link href="/tasks">
            <ArrowLeftIcon aria-hidden />
            {t("tasks.editor.back")}
          </Link>
        </Button>
      </div>
      <PageHeader
        title={task ? task.task_name : t("tasks.editor.newTitle")}
        description={task ? (task.task_desc ?? undefined) : undefined}
        actions={<HeaderActions ed={ed} />}
      />
      {task ? (
        <Tabs value={ed.tab} onValueChange={ed.setTab}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <TabsList>
              <TabsTrigger value="settings">{t("tasks.editor.tabs.settings")}</TabsTrigger>
              <TabsTrigger value="runs">{t("tasks.editor.tabs.runs")}</TabsTrigger>
            </TabsList>
            {task.execution_type === "script" ? (
              <Button asChild variant="ghost" size="sm">
                <Link href={`/tasks/${task.id}/history`}>
                  <FileClockIcon aria-hidden />
                  {t("ops.controls.history")}
                </Link>
              </Button>
            ) : null}
          </div>
          <TabsContent value="settings" className="mt-4" forceMount hidden={ed.tab !== "settings"}>
            {settings}
          </TabsContent>
          <TabsContent value="runs" className="mt-4 flex flex-col gap-4">
            <RunsChart taskId={task.id} />
            <RunsTable taskId={task.id} />
          </TabsContent>
        </Tabs>
      ) : (
        settings
      )}
      <EditorDialogs ed={ed} />
    </div>
  );
}

function SaveButton({ ed, type = "button" }: { ed: TaskEditorState; type?: "button" | "submit" }) {
  const t = useT();
  return (
    <Button type={type} onClick={type === "button" ? () => void ed.save() : undefined} disabled={ed.saving}>
      {ed.saving ? <Loader2Icon className="animate-spin" aria-hidden /> : <SaveIcon aria-hidden />}
      {ed.saving ? t("tasks.editor.saving") : t("tasks.editor.save")}
    </Button>
  );
}

function HeaderActions({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  const [runOpen, setRunOpen] = React.useState(false);
  if (ed.readOnly) return null;
  return (
    <>
      {ed.form.execution_type === "script" ? (
        <Button type="button" variant="outline" onClick={() => void ed.test.run()} disabled={ed.test.pending}>
          {ed.test.pending ? (
            <Loader2Icon className="animate-spin" aria-hidden />
          ) : (
            <FlaskConicalIcon aria-hidden />
          )}
          {ed.test.pending ? t("tasks.editor.testing") : t("tasks.editor.test")}
        </Button>
      ) : null}
      {ed.task ? (
        <Button type="button" variant="outline" onClick={() => setRunOpen(true)} disabled={ed.runNow.pending}>
          <PlayIcon aria-hidden />
          {t("tasks.editor.runNow")}
        </Button>
      ) : null}
      {ed.task && runOpen ? (
        <RunNowDialog
          open={runOpen}
          onOpenChange={setRunOpen}
          task={ed.task}
          dirty={ed.dirty}
          save={ed.save}
        />
      ) : null}
      <SaveButton ed={ed} />
    </>
  );
}

function SettingsForm({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  return (
    <form
      className="flex flex-col gap-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void ed.save();
      }}
    >
      {ed.readOnly ? (
        <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm text-muted-foreground" role="note">
          {t("tasks.editor.readOnly")}
        </p>
      ) : null}
      <FormError>{ed.formError}</FormError>
      <BasicSection ed={ed} />
      <ScheduleSection ed={ed} />
      <ExecutionSection ed={ed} />
      {ed.form.execution_type === "script" ? (
        <TestPanel
          outcome={ed.test.outcome}
          pending={ed.test.pending}
          requestError={ed.test.error}
          onRun={() => void ed.test.run()}
          canRun={!ed.readOnly}
          hasChannels={ed.form.notify_channels.length > 0 || ed.form.notify_wecom_app_id !== null}
          language={ed.form.script_language}
        />
      ) : null}
      <LimitsSection ed={ed} />
      <NotifySection ed={ed} />
      <AlertsSection ed={ed} />
      {ed.readOnly ? null : (
        <div className="flex justify-end gap-2">
          <SaveButton ed={ed} type="submit" />
        </div>
      )}
    </form>
  );
}
