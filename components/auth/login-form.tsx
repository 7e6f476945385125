"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Loader2Icon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, FieldControl, FieldLabel, FieldMessage, Form, FormError } from "@/components/ui/form";
import { useT } from "@/lib/i18n/client";
import { ZEmail } from "@/lib/schemas/auth";

type Errors = { email?: string; password?: string; form?: string };

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT();
  const router = useRouter();
  const [email, setEmail] = React.useState("");
  const [password, setPassword] = React.useState("");
  const [errors, setErrors] = React.useState<Errors>({});
  const [pending, setPending] = React.useState(false);
  const emailRef = React.useRef<HTMLInputElement>(null);
  const passwordRef = React.useRef<HTMLInputElement>(null);

  function validate(): Errors {
    const next: Errors = {};
    const trimmed = email.trim();
    if (!trimmed) next.email = t("auth.emailRequired");
    else if (!ZEmail.safeParse(trimmed).success) next.email = t("auth.emailInvalid");
    if (!password) next.password = t("auth.passwordRequired");
    return next;
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found = validate();
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();

    setPending(true);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (res?.ok && !res.error) {
        router.push(callbackUrl);
        router.refresh();
        return; // keep the button busy while the console loads
      }
      setErrors({
        form:
          res?.error === "CredentialsSignin"
            ? t("auth.invalidCredentials")
            : res?.error === "TooManyAttempts"
              ? t("auth.tooManyAttempts")
              : t("auth.failed"),
      });
      setPassword("");
      passwordRef.current?.focus();
    } catch {
      setErrors({ form: t("common.errorNetwork") });
    }
    setPending(false);
  }

  return (
    <Form onSubmit={onSubmit} aria-busy={pending}>
      <FormError>{errors.form}</FormError>
      <Field error={errors.email}>
        <FieldLabel>{t("auth.email")}</FieldLabel>
        <FieldControl>
          <Input
            ref={emailRef}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoFocus
            placeholder={t("auth.emailPlaceholder")}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            disabled={pending}
          />
        </FieldControl>
        <FieldMessage />
      </Field>
      <Field error={errors.password}>
        <FieldLabel>{t("auth.password")}</FieldLabel>
        <FieldControl>
          <Input
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={pending}
          />
        </FieldControl>
        <FieldMessage />
      </Field>
      <Button type="submit" className="mt-1 w-full" disabled={pending}>
        {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
        {pending ? t("auth.submitting") : t("auth.submit")}
      </Button>
    </Form>
  );
}
