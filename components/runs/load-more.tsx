"use client";

import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

type CursorQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * Under a keyset-paged runs list: how many runs are loaded and whether more match ("已加载 100
 * 条，还有更多" + 加载更多), or the total once the server has no next cursor.
 */
export function LoadMore({ query, count }: { query: CursorQuery; count: number }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <div className="flex flex-col items-center gap-1.5" data-slot="load-more">
      <p className="text-xs text-muted-foreground" role="status">
        {query.hasNextPage ? t("runs.loaded", { count }) : t("runs.allLoaded", { count })}
      </p>
      {query.hasNextPage ? (
        <Button
          variant="outline"
          size="sm"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? t("runs.loadingMore") : t("runs.loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
