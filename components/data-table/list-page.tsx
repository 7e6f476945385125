"use client";

import * as React from "react";
import {
  useMutation,
  useQueryClient,
  type QueryFilters,
  type UseMutationOptions,
} from "@tanstack/react-query";
import { toast } from "sonner";

import { ReadOnlyNote } from "@/components/admin/read-only-note";
import { useErrorText } from "@/components/i18n/use-errors";
import { PageHeader } from "@/components/shell/page-header";
import { ConfirmDialog } from "./confirm-dialog";

/** The frame of every list page: title, description, actions, the viewer note, then the table. */
export function ListPage({
  title,
  description,
  actions,
  readOnly,
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** Shown to viewers: why there is no create/edit/delete. */
  readOnly?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-5">
      <PageHeader title={title} description={description} actions={actions} />
      {readOnly ? <ReadOnlyNote>{readOnly}</ReadOnlyNote> : null}
      {children}
    </div>
  );
}

/** What a form dialog gets from its page: whether it is open and the row (null = a new one). */
export type DialogState<T> = {
  open: boolean;
  row: T | null;
  onOpenChange: (open: boolean) => void;
};

/** Which row a form dialog edits: `row` null = a new one; `open` false = closed. */
export function useDialogState<T>(): DialogState<T> & { create: () => void; edit: (row: T) => void } {
  const [state, setState] = React.useState<{ row: T | null } | null>(null);
  const actions = React.useMemo(
    () => ({
      create: () => setState({ row: null }),
      edit: (row: T) => setState({ row }),
      onOpenChange: (open: boolean) => void (!open && setState(null)),
    }),
    [],
  );
  return { open: state !== null, row: state?.row ?? null, ...actions };
}

/**
 * A confirmed action on one row (delete, revoke…): `confirm.ask(row)` opens the dialog; the
 * dialog stays open with the error in words when the server refuses, and a success toast, a
 * refetch of `invalidate` and the close follow a success.
 */
export function useConfirmAction<T, V, R = unknown, E = unknown>({
  mutation,
  variables,
  invalidate,
  title,
  description,
  confirmLabel,
  success,
}: {
  mutation: UseMutationOptions<R, E, V>;
  variables: (row: T) => V;
  invalidate: QueryFilters | QueryFilters[];
  title: (row: T) => React.ReactNode;
  description?: (row: T) => React.ReactNode;
  confirmLabel?: string;
  success: (row: T) => string;
}) {
  const say = useErrorText();
  const queryClient = useQueryClient();
  const [row, setRow] = React.useState<T | null>(null);
  const run = useMutation(mutation);
  const dialog = (
    <ConfirmDialog
      open={row !== null}
      onOpenChange={(o) => !o && setRow(null)}
      title={row ? title(row) : ""}
      description={row && description ? description(row) : undefined}
      confirmLabel={confirmLabel}
      pending={run.isPending}
      error={run.error ? say(run.error) : null}
      onConfirm={async () => {
        if (!row) return;
        try {
          await run.mutateAsync(variables(row));
        } catch {
          return; // shown in the dialog
        }
        for (const f of Array.isArray(invalidate) ? invalidate : [invalidate])
          await queryClient.invalidateQueries(f);
        toast.success(success(row));
        setRow(null);
      }}
    />
  );
  return {
    ask: (r: T) => {
      run.reset();
      setRow(r);
    },
    dialog,
    pending: run.isPending,
  };
}
