"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/data-table/confirm-dialog";
import { useT } from "@/lib/i18n/client";
import { conflictRows, errorCode, errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/react";
import type { Channel } from "./types";

/** Deletes after confirmation; a 409 lists the tasks that still push to the channel. */
export function ChannelDeleteDialog({
  channel,
  onOpenChange,
}: {
  channel: Channel | null;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.channels.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.channels.pathFilter());
        toast.success(t("channels.remove.done", { name: channel?.channel_name ?? "" }));
        onOpenChange(false);
      },
    }),
  );

  return (
    <ConfirmDialog
      open={channel !== null}
      onOpenChange={onOpenChange}
      title={t("channels.remove.title", { name: channel?.channel_name ?? "" })}
      description={t("channels.remove.description")}
      pending={remove.isPending}
      error={remove.error ? <DeleteError error={remove.error} /> : null}
      onConfirm={() => channel && remove.mutate({ id: channel.id })}
    />
  );
}

function DeleteError({ error }: { error: unknown }) {
  const t = useT();
  if (errorCode(error) !== "CONFLICT") return <>{errorMessage(error, t)}</>;
  // details: [{ path: "tasks.<id>", message: "<task name>" }]
  const tasks = conflictRows(error)
    .filter(({ path }) => path.startsWith("tasks."))
    .map(({ path, name }) => ({ id: path.slice("tasks.".length), name }));
  return (
    <div className="flex flex-col gap-1">
      <span>{t("channels.remove.inUse")}</span>
      <ul className="list-disc pl-5">
        {tasks.map((task) => (
          <li key={task.id}>
            <Link href={`/tasks/${task.id}`} className="underline underline-offset-2">
              #{task.id} {task.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
