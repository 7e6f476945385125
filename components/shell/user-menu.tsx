"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { LanguagesIcon, LogOutIcon, SunMoonIcon } from "lucide-react";

import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { THEMES } from "@/components/theme/theme-config";
import { useTheme } from "@/components/theme/theme-provider";
import { LOCALES, isLocale } from "@/lib/i18n";
import { useLocale, useSetLocale, useT } from "@/lib/i18n/client";
import { useMe } from "./me-context";

function initials(name: string | null, email: string): string {
  const source = (name ?? "").trim() || email;
  const first = Array.from(source)[0] ?? "?";
  return first.toUpperCase();
}

/**
 * Signs out without next-auth's redirect (it builds an absolute URL from NEXTAUTH_URL) and drops
 * the query cache, so nothing of this user is shown to the next one.
 */
export function useSignOut(): { signOut: () => void; signingOut: boolean } {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = React.useState(false);
  const run = React.useCallback(() => {
    setSigningOut(true);
    void signOut({ redirect: false }).finally(() => {
      queryClient.clear();
      router.replace("/login");
      router.refresh();
    });
  }, [queryClient, router]);
  return { signOut: run, signingOut };
}

/** Avatar button: who is signed in, their role here, language, appearance, sign out. */
export function UserMenu() {
  const t = useT();
  const locale = useLocale();
  const setLocale = useSetLocale();
  const { theme, setTheme } = useTheme();
  const { me, role } = useMe();
  const { signOut: doSignOut, signingOut } = useSignOut();

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full" aria-label={t("shell.user.menu")}>
          <Avatar className="size-8">
            <AvatarFallback>{initials(me.user.name, me.user.email)}</AvatarFallback>
          </Avatar>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-1.5 font-normal">
          {me.user.name ? <span className="truncate text-sm font-medium">{me.user.name}</span> : null}
          <span className="truncate text-xs text-muted-foreground">{me.user.email}</span>
          <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
            {t("shell.user.role")}
            <Badge variant="secondary">{t(`common.roles.${role}`)}</Badge>
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {/* Flat radio groups rather than submenus: one tap each on a phone. */}
        <DropdownMenuLabel className="flex items-center gap-1.5 text-xs font-normal text-muted-foreground">
          <LanguagesIcon className="size-3.5" aria-hidden />
          {t("common.language.label")}
        </DropdownMenuLabel>
        <DropdownMenuRadioGroup value={locale} onValueChange={(v) => isLocale(v) && setLocale(v)}>
          {LOCALES.map((l) => (
            <DropdownMenuRadioItem key={l} value={l} lang={l === "zh" ? "zh-CN" : "en"}>
              {t(`common.language.${l}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="flex items-center gap-1.5 text-xs font-normal text-muted-foreground">
          <SunMoonIcon className="size-3.5" aria-hidden />
          {t("common.theme.label")}
        </DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={theme}
          onValueChange={(v) => {
            const next = THEMES.find((x) => x === v);
            if (next) setTheme(next);
          }}
        >
          {THEMES.map((x) => (
            <DropdownMenuRadioItem key={x} value={x}>
              {t(`common.theme.${x}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          variant="destructive"
          disabled={signingOut}
          onSelect={(event) => {
            event.preventDefault();
            doSignOut();
          }}
        >
          <LogOutIcon aria-hidden />
          {signingOut ? t("auth.signingOut") : t("auth.signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
