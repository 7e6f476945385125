"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { useT } from "@/lib/i18n/client";
import type { TaskEditorState } from "./use-task-editor";

/** "Leave with unsaved changes?" and "someone else saved this task meanwhile". */
export function EditorDialogs({ ed }: { ed: TaskEditorState }) {
  const t = useT();
  return (
    <>
      <AlertDialog open={ed.guard.pendingHref !== null} onOpenChange={(open) => !open && ed.guard.stay()}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("tasks.editor.unsavedTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("tasks.editor.unsavedDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("tasks.editor.stay")}</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={ed.guard.leave}>
              {t("tasks.editor.leave")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <AlertDialog open={ed.conflict.open} onOpenChange={ed.conflict.setOpen}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("tasks.editor.conflictTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("tasks.editor.conflictDescription")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("tasks.editor.stay")}</AlertDialogCancel>
            <AlertDialogAction onClick={() => void ed.conflict.reload()}>
              {t("tasks.editor.reload")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
