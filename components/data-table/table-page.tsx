"use client";

import * as React from "react";
import { PlusIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import type { TKey } from "@/lib/i18n/translate";
import { DataTable, type DataTableProps } from "./data-table";
import { ListPage } from "./list-page";

type WordKey = "title" | "description" | "create" | "emptyTitle" | "emptyHint";

/** A namespace of the dictionary holding a list page's words ("admin.configs": title, create…). */
export type ListWords = {
  [K in TKey]: K extends `${infer P}.emptyHint` ? (`${P}.${WordKey}` extends TKey ? P : never) : never;
}[TKey];

/**
 * A whole list page from its words, its create action and its table: the header with the
 * create button (none without `onCreate`), the viewer note, the table with its empty state
 * (which offers the same button), then `children` (the page's dialogs). See components/README.md.
 */
export function TablePage<T>({
  words,
  icon,
  onCreate,
  readOnly,
  empty,
  children,
  ...table
}: Omit<DataTableProps<T>, "label" | "empty"> & {
  words: ListWords;
  icon: React.ReactNode;
  onCreate?: () => void;
  readOnly?: React.ReactNode;
  /** Replaces the words' empty state (e.g. "pick a task first"). */
  empty?: DataTableProps<T>["empty"];
  children?: React.ReactNode;
}) {
  const t = useT();
  const word = (key: WordKey) => t(`${words}.${key}` as TKey);
  const createButton = onCreate ? (
    <Button onClick={onCreate}>
      <PlusIcon aria-hidden />
      {word("create")}
    </Button>
  ) : null;
  return (
    <ListPage
      title={word("title")}
      description={word("description")}
      actions={createButton}
      readOnly={readOnly}
    >
      <DataTable
        {...table}
        label={word("title")}
        empty={
          empty ?? { icon, title: word("emptyTitle"), description: word("emptyHint"), action: createButton }
        }
      />
      {children}
    </ListPage>
  );
}
