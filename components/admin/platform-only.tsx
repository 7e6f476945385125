"use client";

import type * as React from "react";
import { GlobeIcon } from "lucide-react";

import { ListPage } from "@/components/data-table";
import { useMe } from "@/components/shell/me-context";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useT } from "@/lib/i18n/client";
import type { TKey } from "@/lib/i18n/translate";
import { ForbiddenState } from "./forbidden-state";

type WordKey = "title" | "description" | "platformViewNeeded" | "switchToPlatform";

/** A dictionary namespace with a platform page's words ("dataSources": title, platformViewNeeded…). */
type PlatformWords = {
  [K in TKey]: K extends `${infer P}.switchToPlatform` ? (`${P}.${WordKey}` extends TKey ? P : never) : never;
}[TKey];

/**
 * A platform-only page: a 403 state for anyone but a platform admin; in a tenant's view, the
 * page's title and an offer to switch to the platform view; otherwise `children`.
 */
export function PlatformOnly({ words, children }: { words: PlatformWords; children: React.ReactNode }) {
  const t = useT();
  const { me, scope } = useMe();
  const { switchTo, pending } = useSwitchTenant();
  const word = (key: WordKey) => t(`${words}.${key}` as TKey);
  if (!me.isPlatformAdmin) return <ForbiddenState />;
  if (scope.type === "platform") return children;
  return (
    <ListPage title={word("title")} description={word("description")}>
      <EmptyState
        icon={<GlobeIcon />}
        title={word("platformViewNeeded")}
        action={
          <Button onClick={() => switchTo(null)} disabled={pending}>
            {word("switchToPlatform")}
          </Button>
        }
      />
    </ListPage>
  );
}
