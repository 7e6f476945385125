"use client";

import { GlobeIcon } from "lucide-react";

import { ListPage } from "@/components/data-table";
import { useSwitchTenant } from "@/components/shell/tenant-switcher";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A platform-only page opened in a tenant's view: says so and offers the switch. */
export function PlatformViewNeeded({
  title,
  description,
  hint,
  switchLabel,
}: {
  title: string;
  description: string;
  hint: string;
  switchLabel: string;
}) {
  const { switchTo, pending } = useSwitchTenant();
  return (
    <ListPage title={title} description={description}>
      <EmptyState
        icon={<GlobeIcon />}
        title={hint}
        action={
          <Button onClick={() => switchTo(null)} disabled={pending}>
            {switchLabel}
          </Button>
        }
      />
    </ListPage>
  );
}
