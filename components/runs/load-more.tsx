"use client";

import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

type CursorQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * 加载更多 under a keyset-paged runs list while the server has a next cursor (the table's
 * summary, given `more`, says the rows are those loaded so far).
 */
export function LoadMore({ query }: { query: CursorQuery }) {
  const t = useT();
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="outline"
      size="sm"
      className="self-center"
      data-slot="load-more"
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? t("runs.loadingMore") : t("runs.loadMore")}
    </Button>
  );
}
