"use client";

import * as React from "react";
import { useController, useFormContext, type ControllerRenderProps, type FieldValues } from "react-hook-form";

import { Field, FieldControl, FieldDescription, FieldLabel, FieldMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/lib/utils";

/** Field names shown by the form, so a server error on another field goes to the form banner. */
export const ShownFields = React.createContext<Set<string> | null>(null);

type Base = {
  name: string;
  label: React.ReactNode;
  description?: React.ReactNode;
  className?: string;
};

/**
 * One form field bound to the surrounding form (FormDialog or FormProvider): label, control,
 * hint and its error, with ids and aria wired. `render` draws any control from `field`.
 */
export function FormField({
  name,
  label,
  description,
  className,
  counter,
  row,
  render,
}: Base & {
  /** Label and hint on the left, the control on the right (switches). */
  row?: boolean;
  /** Maximum length: shows "n / max", red past it (the schema refuses it; nothing is cut off). */
  counter?: number;
  render: (field: ControllerRenderProps<FieldValues, string>) => React.ReactElement;
}) {
  const t = useT();
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  const shown = React.useContext(ShownFields);
  React.useEffect(() => {
    shown?.add(name);
    return () => void shown?.delete(name);
  }, [shown, name]);
  const length = typeof field.value === "string" ? field.value.length : 0;
  if (row)
    return (
      <Field
        error={fieldState.error?.message}
        data-field={name}
        className={cn("rounded-md border px-3 py-2", className)}
      >
        <div className="flex items-center justify-between gap-4">
          <div className="flex flex-col gap-1">
            <FieldLabel>{label}</FieldLabel>
            {description ? <FieldDescription>{description}</FieldDescription> : null}
          </div>
          <FieldControl>{render(field)}</FieldControl>
        </div>
        <FieldMessage />
      </Field>
    );
  return (
    <Field error={fieldState.error?.message} className={className} data-field={name}>
      <div className="flex items-baseline justify-between gap-2">
        <FieldLabel>{label}</FieldLabel>
        {counter ? (
          <span
            className={cn(
              "text-xs tabular-nums",
              length > counter ? "text-destructive" : "text-muted-foreground",
            )}
            aria-live="polite"
          >
            {t("kit.chars", { count: length, max: counter })}
          </span>
        ) : null}
      </div>
      <FieldControl>{render(field)}</FieldControl>
      {description ? <FieldDescription>{description}</FieldDescription> : null}
      <FieldMessage />
    </Field>
  );
}

type InputProps = Omit<React.ComponentProps<typeof Input>, "name" | "value" | "onChange" | "onBlur">;
type TextareaProps = Omit<React.ComponentProps<typeof Textarea>, "name" | "value" | "onChange" | "onBlur">;
type TextBase = Base & { counter?: number };

/** A text field's props: FormField's, and the rest for its control. */
function splitText<P extends TextBase>({ name, label, description, className, counter, ...control }: P) {
  return { field: { name, label, description, className, counter }, control };
}

const text = (value: unknown) => (value as string | null) ?? "";

export function TextField(props: TextBase & InputProps) {
  const { field, control } = splitText(props);
  return <FormField {...field} render={(f) => <Input {...control} {...f} value={text(f.value)} />} />;
}

/** A code-like value (an id, a key, an address): monospace, no autocomplete, no spell check. */
export function CodeField({ className, ...props }: TextBase & InputProps) {
  return (
    <TextField
      autoComplete="off"
      spellCheck={false}
      {...props}
      className={cn("[&_input]:font-mono", className)}
    />
  );
}

/** A write-only secret: hidden, never filled in from the browser's saved passwords. */
export function SecretField(props: TextBase & InputProps) {
  return <TextField type="password" autoComplete="new-password" spellCheck={false} {...props} />;
}

/** Two fields side by side, one above the other on a phone. */
export function FieldPair({ children }: { children: React.ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2">{children}</div>;
}

export function TextareaField(props: TextBase & TextareaProps) {
  const { field, control } = splitText(props);
  return <FormField {...field} render={(f) => <Textarea {...control} {...f} value={text(f.value)} />} />;
}

export function SelectField({
  options,
  disabled,
  ...base
}: Base & { options: { value: string; label: React.ReactNode }[]; disabled?: boolean }) {
  const { label } = base;
  return (
    <FormField
      {...base}
      render={(field) => (
        <Select value={(field.value as string) ?? ""} onValueChange={field.onChange} disabled={disabled}>
          <SelectTrigger
            className="w-full"
            onBlur={field.onBlur}
            ref={field.ref}
            aria-label={typeof label === "string" ? label : undefined}
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {options.map((o) => (
              <SelectItem key={o.value} value={o.value}>
                {o.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    />
  );
}

export function SwitchField(base: Base) {
  return (
    <FormField
      {...base}
      row
      render={(field) => (
        <Switch
          checked={!!field.value}
          onCheckedChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}
