"use client";

import * as React from "react";
import { Slot } from "radix-ui";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

/**
 * A small form-field kit that works with plain React state or native forms (no form library):
 *
 *   <Field error={errors.email}>
 *     <FieldLabel>邮箱</FieldLabel>
 *     <FieldControl><Input name="email" value={email} onChange={...} /></FieldControl>
 *     <FieldDescription>…</FieldDescription>
 *     <FieldMessage />
 *   </Field>
 *
 * Field generates the ids; FieldControl wires id, aria-invalid and aria-describedby onto its
 * child, so screen readers read the hint and the error with the input.
 */
type FieldContextValue = {
  id: string;
  descriptionId: string;
  messageId: string;
  error?: string | null;
  hasDescription: boolean;
  setHasDescription: (value: boolean) => void;
};

const FieldContext = React.createContext<FieldContextValue | null>(null);

function useField(): FieldContextValue {
  const ctx = React.useContext(FieldContext);
  if (!ctx) throw new Error("Field parts must be used inside <Field>");
  return ctx;
}

function Form({ className, ...props }: React.ComponentProps<"form">) {
  return <form data-slot="form" noValidate className={cn("grid gap-4", className)} {...props} />;
}

function Field({
  id,
  error,
  className,
  ...props
}: React.ComponentProps<"div"> & { id?: string; error?: string | null }) {
  const generated = React.useId();
  const base = id ?? generated;
  const [hasDescription, setHasDescription] = React.useState(false);
  const value = React.useMemo(
    () => ({
      id: base,
      descriptionId: `${base}-description`,
      messageId: `${base}-message`,
      error,
      hasDescription,
      setHasDescription,
    }),
    [base, error, hasDescription],
  );
  return (
    <FieldContext.Provider value={value}>
      <div
        data-slot="field"
        data-invalid={error ? true : undefined}
        className={cn("grid gap-2", className)}
        {...props}
      />
    </FieldContext.Provider>
  );
}

function FieldLabel({ className, ...props }: React.ComponentProps<typeof Label>) {
  const { id, error } = useField();
  return (
    <Label
      data-slot="field-label"
      data-error={!!error}
      className={cn("data-[error=true]:text-destructive", className)}
      htmlFor={id}
      {...props}
    />
  );
}

function FieldControl(props: React.ComponentProps<typeof Slot.Root>) {
  const { id, descriptionId, messageId, error, hasDescription } = useField();
  const describedBy = [hasDescription ? descriptionId : null, error ? messageId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Slot.Root
      data-slot="field-control"
      id={id}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      {...props}
    />
  );
}

function FieldDescription({ className, ...props }: React.ComponentProps<"p">) {
  const { descriptionId, setHasDescription } = useField();
  React.useEffect(() => {
    setHasDescription(true);
    return () => setHasDescription(false);
  }, [setHasDescription]);
  return (
    <p
      data-slot="field-description"
      id={descriptionId}
      className={cn("text-xs text-muted-foreground", className)}
      {...props}
    />
  );
}

/** Shows the Field's error (or its own children); renders nothing when there is neither. */
function FieldMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  const { messageId, error } = useField();
  const body = error ?? children;
  if (!body) return null;
  return (
    <p
      data-slot="field-message"
      id={messageId}
      role={error ? "alert" : undefined}
      className={cn("text-xs", error ? "text-destructive" : "text-muted-foreground", className)}
      {...props}
    >
      {body}
    </p>
  );
}

/** A form-level error banner (e.g. "wrong email or password"), announced to screen readers. */
function FormError({ className, children, ...props }: React.ComponentProps<"div">) {
  if (!children) return null;
  return (
    <div
      data-slot="form-error"
      role="alert"
      className={cn(
        "rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive",
        className,
      )}
      {...props}
    >
      {children}
    </div>
  );
}

export { Form, Field, FieldLabel, FieldControl, FieldDescription, FieldMessage, FormError, useField };
