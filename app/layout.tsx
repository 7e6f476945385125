import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";

import "./globals.css";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { SYSTEM_THEME_SCRIPT, THEME_COOKIE, toTheme } from "@/components/theme/theme-config";
import { HTML_LANG } from "@/lib/i18n";
import { I18nProvider } from "@/lib/i18n/client";
import { getT } from "@/lib/i18n/server";
import { TRPCReactProvider } from "@/components/trpc/react";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return {
    title: { default: t("common.appName"), template: `%s · ${t("common.appName")}` },
    description: t("auth.footer"),
    icons: { icon: "/icon.svg" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await getT();
  const theme = toTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={HTML_LANG[locale]} className={theme === "dark" ? "dark" : undefined} suppressHydrationWarning>
      <head>
        {/* "system" is resolved before paint; an explicit choice is already in the class above. */}
        {theme === "system" ? <script dangerouslySetInnerHTML={{ __html: SYSTEM_THEME_SCRIPT }} /> : null}
      </head>
      <body className="min-h-dvh">
        <I18nProvider locale={locale}>
          <ThemeProvider initialTheme={theme}>
            <TRPCReactProvider>
              <TooltipProvider>{children}</TooltipProvider>
            </TRPCReactProvider>
            <Toaster />
          </ThemeProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
