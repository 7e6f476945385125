"use client";

import * as React from "react";
import { ChevronLeftIcon, ChevronRightIcon, MoreHorizontalIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { buttonVariants, type Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

function Pagination({ className, ...props }: React.ComponentProps<"nav">) {
  const t = useT();
  return (
    <nav
      aria-label={t("common.pagination.label")}
      data-slot="pagination"
      className={cn("mx-auto flex w-full justify-center", className)}
      {...props}
    />
  );
}

function PaginationContent({ className, ...props }: React.ComponentProps<"ul">) {
  return (
    <ul
      data-slot="pagination-content"
      className={cn("flex flex-row items-center gap-1", className)}
      {...props}
    />
  );
}

function PaginationItem(props: React.ComponentProps<"li">) {
  return <li data-slot="pagination-item" {...props} />;
}

/** A page button (lists page through client state, not URLs, so these are buttons). */
function PaginationButton({
  className,
  isActive,
  size = "icon-sm",
  ...props
}: { isActive?: boolean } & Pick<React.ComponentProps<typeof Button>, "size"> &
  React.ComponentProps<"button">) {
  return (
    <button
      type="button"
      aria-current={isActive ? "page" : undefined}
      data-slot="pagination-link"
      data-active={isActive}
      className={cn(buttonVariants({ variant: isActive ? "outline" : "ghost", size }), className)}
      {...props}
    />
  );
}

function PaginationPrevious({ className, ...props }: React.ComponentProps<"button">) {
  const t = useT();
  return (
    <PaginationButton size="sm" className={cn("gap-1 px-2.5", className)} {...props}>
      <ChevronLeftIcon />
      <span className="hidden sm:block">{t("common.pagination.previous")}</span>
      <span className="sr-only sm:hidden">{t("common.pagination.previous")}</span>
    </PaginationButton>
  );
}

function PaginationNext({ className, ...props }: React.ComponentProps<"button">) {
  const t = useT();
  return (
    <PaginationButton size="sm" className={cn("gap-1 px-2.5", className)} {...props}>
      <span className="hidden sm:block">{t("common.pagination.next")}</span>
      <span className="sr-only sm:hidden">{t("common.pagination.next")}</span>
      <ChevronRightIcon />
    </PaginationButton>
  );
}

function PaginationEllipsis({ className, ...props }: React.ComponentProps<"span">) {
  const t = useT();
  return (
    <span
      aria-hidden
      data-slot="pagination-ellipsis"
      className={cn("flex size-8 items-center justify-center", className)}
      {...props}
    >
      <MoreHorizontalIcon className="size-4" />
      <span className="sr-only">{t("common.pagination.morePages")}</span>
    </span>
  );
}

/** Page numbers to show: first, last, and a window around the current page, with gaps as null. */
export function pageWindow(page: number, pages: number, radius = 1): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= radius) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/**
 * Ready-made pager for list pages: summary on the left, page buttons on the right.
 * `page` is 1-based; it renders nothing when everything fits on one page and no summary is wanted.
 */
function DataPagination({
  page,
  pageSize,
  total,
  onPageChange,
  className,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  className?: string;
}) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div
      data-slot="data-pagination"
      className={cn("flex flex-col items-center justify-between gap-2 sm:flex-row", className)}
    >
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {t("common.pagination.summary", { total, page: Math.min(page, pages), pages })}
      </p>
      {pages > 1 ? (
        <Pagination className="mx-0 w-auto">
          <PaginationContent>
            <PaginationItem>
              <PaginationPrevious disabled={page <= 1} onClick={() => onPageChange(page - 1)} />
            </PaginationItem>
            {pageWindow(page, pages).map((p, i) =>
              p === null ? (
                <PaginationItem key={`gap-${i}`} className="hidden sm:block">
                  <PaginationEllipsis />
                </PaginationItem>
              ) : (
                <PaginationItem key={p} className={p === page ? undefined : "hidden sm:block"}>
                  <PaginationButton isActive={p === page} onClick={() => onPageChange(p)}>
                    {p}
                  </PaginationButton>
                </PaginationItem>
              ),
            )}
            <PaginationItem>
              <PaginationNext disabled={page >= pages} onClick={() => onPageChange(page + 1)} />
            </PaginationItem>
          </PaginationContent>
        </Pagination>
      ) : null}
    </div>
  );
}

export {
  Pagination,
  PaginationContent,
  PaginationButton,
  PaginationItem,
  PaginationPrevious,
  PaginationNext,
  PaginationEllipsis,
  DataPagination,
};
