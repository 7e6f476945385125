"use client";

import * as React from "react";

import { ErrorPanel } from "@/components/shell/shell-states";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useT } from "@/lib/i18n/client";
import { errorMessage } from "@/components/trpc/errors";

/** Placeholder rows while a list loads. */
export function ListSkeleton({ rows = 4 }: { rows?: number }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-2" role="status" aria-live="polite">
      <span className="sr-only">{t("common.loading")}</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

type QueryLike = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/**
 * The three states every list has besides its rows: loading, failed (with retry) and empty.
 * Renders `children` only when there is data and it is not empty.
 */
export function ListStates({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike;
  isEmpty: boolean;
  empty: {
    icon?: React.ReactNode;
    title: React.ReactNode;
    description?: React.ReactNode;
    action?: React.ReactNode;
  };
  children: React.ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <ListSkeleton />;
  if (query.isError)
    return <ErrorPanel message={errorMessage(query.error, t)} onRetry={() => void query.refetch()} />;
  if (isEmpty) return <EmptyState {...empty} />;
  return <>{children}</>;
}
