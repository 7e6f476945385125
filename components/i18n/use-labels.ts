"use client";

import * as React from "react";

import { useLocale } from "@/lib/i18n/client";
import { auditActionLabel, fieldLabel, fieldValueText, label, type LabelGroup } from "./labels";

/** The label functions bound to the console's language. */
export function useLabels() {
  const locale = useLocale();
  return React.useMemo(
    () => ({
      label: (group: LabelGroup, value: string | null | undefined) => label(locale, group, value),
      auditAction: (action: string) => auditActionLabel(locale, action),
      field: (field: string) => fieldLabel(locale, field),
      value: (field: string, value: unknown) => fieldValueText(locale, field, value),
    }),
    [locale],
  );
}
