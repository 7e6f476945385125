"use client";

import * as React from "react";

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/**
 * The inside of every console dialog: the title and its description, the body, then the
 * footer's buttons. While `busy` (a request in flight) a click outside or Escape does not close
 * it. Goes inside a `<Dialog>` from ui/dialog; other props go to DialogContent.
 */
export function DialogFrame({
  title,
  description,
  footer,
  busy,
  children,
  onInteractOutside,
  onEscapeKeyDown,
  ...content
}: Omit<React.ComponentProps<typeof DialogContent>, "title"> & {
  title: React.ReactNode;
  description?: React.ReactNode;
  footer?: React.ReactNode;
  busy?: boolean;
}) {
  return (
    <DialogContent
      {...content}
      onInteractOutside={(e) => (busy ? e.preventDefault() : onInteractOutside?.(e))}
      onEscapeKeyDown={(e) => (busy ? e.preventDefault() : onEscapeKeyDown?.(e))}
    >
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        {description ? <DialogDescription>{description}</DialogDescription> : null}
      </DialogHeader>
      {children}
      {footer ? <DialogFooter>{footer}</DialogFooter> : null}
    </DialogContent>
  );
}

/**
 * A dialog about one row, open while `row` is set: its body is mounted fresh for each row
 * (keyed by `rowKey`), so an opening never shows what the last one typed or was told.
 */
export function RowDialog<T>({
  row,
  rowKey,
  onOpenChange,
  children,
}: {
  row: T | null;
  rowKey: (row: T) => React.Key;
  onOpenChange: (open: boolean) => void;
  children: (row: T) => React.ReactNode;
}) {
  return (
    <Dialog open={row !== null} onOpenChange={onOpenChange}>
      {row !== null ? <React.Fragment key={rowKey(row)}>{children(row)}</React.Fragment> : null}
    </Dialog>
  );
}
