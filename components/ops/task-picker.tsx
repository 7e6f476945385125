"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { SearchIcon, XIcon } from "lucide-react";

import { useDebounced } from "@/components/tasks/use-now";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/components/trpc/react";
import { cn } from "@/lib/utils";

const MATCHES = 10;

/**
 * Picks one task by typing part of its name (a combobox over tasks.list, in the console's scope
 * and, from the platform view, narrowed to `tenantId`). `value` is the task id as a string;
 * once chosen the task shows by name with a button to clear it.
 */
export function TaskPicker({
  id,
  value,
  onChange,
  tenantId,
  className,
}: {
  id: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  tenantId?: string;
  className?: string;
}) {
  const t = useT();
  const trpc = useTRPC();
  const [text, setText] = React.useState("");
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(0);
  const keyword = useDebounced(text.trim(), 250);
  const taskId = value && /^\d+$/.test(value) ? Number(value) : undefined;
  const chosen = useQuery({
    ...trpc.tasks.get.queryOptions({ id: taskId ?? 0 }),
    enabled: taskId !== undefined,
  });
  const matches = useQuery({
    ...trpc.tasks.list.queryOptions({
      page: 1,
      page_size: MATCHES,
      ...(keyword ? { keyword } : {}),
      ...(tenantId !== undefined ? { tenant_id: tenantId } : {}),
    }),
    enabled: open && taskId === undefined,
  });
  const items = matches.data?.items ?? [];
  const listId = `${id}-options`;

  const pick = (task: { id: number }) => {
    onChange(String(task.id));
    setText("");
    setOpen(false);
  };

  if (taskId !== undefined)
    return (
      <div
        className={cn(
          "flex h-8 min-w-0 items-center gap-1 rounded-md border bg-muted/40 pr-1 pl-2.5 text-sm",
          className,
        )}
        data-slot="task-picker"
      >
        <span className="min-w-0 flex-1 truncate" id={id}>
          {chosen.data?.task_name ?? `#${taskId}`}
        </span>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-6"
          aria-label={t("ops.search.clearTask")}
          onClick={() => onChange(undefined)}
        >
          <XIcon aria-hidden />
        </Button>
      </div>
    );

  return (
    <div className={cn("relative min-w-0", className)} data-slot="task-picker">
      <SearchIcon
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        className="h-8 pl-8"
        placeholder={t("ops.search.taskSearch")}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Escape") setOpen(false);
          else if (e.key === "Enter" && items[active]) pick(items[active]);
          else return;
          e.preventDefault();
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute top-full right-0 left-0 z-50 mt-1 max-h-72 overflow-y-auto rounded-md border bg-popover p-1 text-sm shadow-md"
        >
          {items.length === 0 ? (
            <li className="px-2 py-1.5 text-muted-foreground">
              {matches.isFetching ? t("common.loading") : t("ops.search.noTasks")}
            </li>
          ) : (
            items.map((task, i) => (
              <li
                key={task.id}
                role="option"
                aria-selected={i === active}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(task);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn(
                  "flex cursor-pointer items-center justify-between gap-2 rounded-sm px-2 py-1.5",
                  i === active && "bg-accent text-accent-foreground",
                )}
              >
                <span className="truncate">{task.task_name}</span>
                {tenantId === undefined && task.tenant_id ? (
                  <span className="shrink-0 text-xs text-muted-foreground">{task.tenant_id}</span>
                ) : null}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
