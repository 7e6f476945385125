"use client";

import * as React from "react";

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
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form";
import { useT } from "@/lib/i18n/client";

type Question = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description?: React.ReactNode;
};

/** The alert dialog both kinds of question share: title, description, then `children`. */
function QuestionFrame({
  open,
  onOpenChange,
  title,
  description,
  children,
}: Question & { children: React.ReactNode }) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          {description ? <AlertDialogDescription>{description}</AlertDialogDescription> : null}
        </AlertDialogHeader>
        {children}
      </AlertDialogContent>
    </AlertDialog>
  );
}

/**
 * A destructive action's confirmation. `onConfirm` runs while the dialog stays open; a thrown
 * error keeps it open and shows `error` (the caller renders details such as a 409's task list).
 */
export function ConfirmDialog({
  onOpenChange,
  confirmLabel,
  pending,
  error,
  onConfirm,
  ...question
}: Question & {
  confirmLabel?: string;
  pending?: boolean;
  error?: React.ReactNode;
  onConfirm: () => void;
}) {
  const t = useT();
  return (
    <QuestionFrame {...question} onOpenChange={(next) => (pending ? undefined : onOpenChange(next))}>
      {error ? <FormError>{error}</FormError> : null}
      <AlertDialogFooter>
        <AlertDialogCancel disabled={pending}>{t("common.cancel")}</AlertDialogCancel>
        {/* A plain button: AlertDialogAction would close the dialog before the request ends. */}
        <Button variant="destructive" disabled={pending} onClick={onConfirm}>
          {pending ? t("common.loading") : (confirmLabel ?? t("common.delete"))}
        </Button>
      </AlertDialogFooter>
    </QuestionFrame>
  );
}

/**
 * A question that either answer closes (leave with unsaved edits? reload the newer version?):
 * `stay` cancels, `go` runs `onGo`.
 */
export function AskDialog({
  stay,
  go,
  destructive,
  onGo,
  ...question
}: Question & { stay: string; go: string; destructive?: boolean; onGo: () => void }) {
  return (
    <QuestionFrame {...question}>
      <AlertDialogFooter>
        <AlertDialogCancel>{stay}</AlertDialogCancel>
        <AlertDialogAction variant={destructive ? "destructive" : undefined} onClick={onGo}>
          {go}
        </AlertDialogAction>
      </AlertDialogFooter>
    </QuestionFrame>
  );
}
