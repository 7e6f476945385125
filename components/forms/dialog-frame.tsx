"use client";

import * as React from "react";

import {
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
