import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { LanguageSwitch } from "@/components/i18n/language-switch";
import { AppLogo } from "@/components/shell/app-logo";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getT } from "@/lib/i18n/server";
import { consoleSession } from "@/app/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("auth.title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Already signed in: skip the form.
  if (await consoleSession()) redirect(callbackUrl);

  const { t, locale } = await getT();
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between px-4 py-3 sm:px-6">
        <AppLogo locale={locale} />
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 pb-16">
        <Card className="w-full max-w-sm gap-5 py-6">
          <CardHeader className="px-6">
            <CardTitle className="text-xl">{t("auth.title")}</CardTitle>
            <CardDescription>{t("auth.subtitle")}</CardDescription>
          </CardHeader>
          <CardContent className="px-6">
            <LoginForm callbackUrl={callbackUrl} />
          </CardContent>
        </Card>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-muted-foreground">{t("auth.footer")}</footer>
    </div>
  );
}
