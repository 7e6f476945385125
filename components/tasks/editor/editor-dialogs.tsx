"use client";

import { AskDialog } from "@/components/data-table/confirm-dialog";
import { useT } from "@/lib/i18n/client";
import type { TaskEditorState } from "./use-task-editor";

/** "Leave with unsaved changes?" and "someone else saved this task meanwhile". */
export function EditorDialogs({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  return (
    <>
      <AskDialog
        open={ed.guard.pendingHref !== null}
        onOpenChange={(open) => !open && ed.guard.stay()}
        title={t("tasks.editor.unsavedTitle")}
        description={t("tasks.editor.unsavedDescription")}
        stay={t("tasks.editor.stay")}
        go={t("tasks.editor.leave")}
        destructive
        onGo={ed.guard.leave}
      />
      <AskDialog
        open={ed.conflict.open}
        onOpenChange={ed.conflict.setOpen}
        title={t("tasks.editor.conflictTitle")}
        description={t("tasks.editor.conflictDescription")}
        stay={t("tasks.editor.stay")}
        go={t("tasks.editor.reload")}
        onGo={() => void ed.conflict.reload()}
      />
    </>
  );
}
