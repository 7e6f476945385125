"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useMe } from "@/components/shell/me-context";

// Radix Select forbids an empty item value.
export const GLOBAL_TENANT = "__global__";

/**
 * Picks a tenant from those the user can reach (a platform admin creating rows from the
 * platform view). With `allowGlobal`, a "global" entry maps to GLOBAL_TENANT.
 */
export function TenantSelect({
  value,
  onChange,
  allowGlobal,
  globalLabel,
  placeholder,
  id,
  className,
  "aria-label": ariaLabel,
  extraOptions,
}: {
  value: string | undefined;
  onChange: (value: string) => void;
  allowGlobal?: boolean;
  globalLabel?: string;
  placeholder?: string;
  id?: string;
  className?: string;
  "aria-label"?: string;
  extraOptions?: { value: string; label: string }[];
}) {
  const { me } = useMe();
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger id={id} className={className ?? "w-full"} aria-label={ariaLabel}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent className="max-h-72">
        {extraOptions?.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
        {allowGlobal ? <SelectItem value={GLOBAL_TENANT}>{globalLabel}</SelectItem> : null}
        {me.tenants.map((tenant) => (
          <SelectItem key={tenant.tenantId} value={tenant.tenantId}>
            {tenant.name}
            {tenant.name !== tenant.tenantId ? (
              <span className="text-xs text-muted-foreground">{tenant.tenantId}</span>
            ) : null}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
