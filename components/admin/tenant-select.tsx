"use client";

import type * as React from "react";

import { FormField } from "@/components/forms";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useMe } from "@/components/shell/me-context";

// Radix Select forbids an empty item value.
export const GLOBAL_TENANT = "__global__";

/**
 * Picks a tenant from those the user can reach (a platform admin creating rows from the
 * platform view). With `allowGlobal`, a "global" entry maps to GLOBAL_TENANT.
 */
type TenantSelectProps = {
  value: string | undefined;
  onChange: (value: string) => void;
  allowGlobal?: boolean;
  globalLabel?: string;
  placeholder?: string;
  id?: string;
  className?: string;
  "aria-label"?: string;
  extraOptions?: { value: string; label: string }[];
};

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
}: TenantSelectProps) {
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

/**
 * A form's `tenant_id` as a TenantSelect: `fallback` is shown while the field is unset,
 * `onPick` follows a choice (e.g. to set the role that goes with it).
 */
export function TenantField({
  label,
  description,
  fallback,
  onPick,
  ...select
}: Omit<TenantSelectProps, "value" | "onChange"> & {
  label: string;
  description?: React.ReactNode;
  fallback?: string;
  onPick?: (value: string) => void;
}) {
  return (
    <FormField
      name="tenant_id"
      label={label}
      description={description}
      render={(field) => (
        <TenantSelect
          {...select}
          value={(field.value as string | null | undefined) ?? fallback}
          onChange={(value) => {
            field.onChange(value);
            onPick?.(value);
          }}
        />
      )}
    />
  );
}
