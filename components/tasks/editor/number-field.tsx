"use client";

import { Field, FieldControl, FieldDescription, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/** A whole-number field whose empty value is NaN (the schema then names the field). */
export function NumberField({
  label,
  value,
  min,
  max,
  error,
  readOnly,
  hint,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  error?: string;
  readOnly: boolean;
  hint?: string;
  onChange: (v: number) => void;
}) {
  return (
    <Field error={error}>
      <FieldLabel>{label}</FieldLabel>
      <FieldControl>
        <Input
          type="number"
          inputMode="numeric"
          value={Number.isFinite(value) ? value : ""}
          min={min}
          max={max}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
      </FieldControl>
      {hint ? <FieldDescription>{hint}</FieldDescription> : null}
      <FieldMessage />
    </Field>
  );
}
