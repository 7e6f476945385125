import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { NuqsAdapter } from "nuqs/adapters/next/app";

import { ConsoleShell } from "@/components/shell/console-shell";
import { SIDEBAR_COOKIE } from "@/components/shell/sidebar-state";
import { consoleSession } from "@/app/session";

/** Every console page requires a session; the shell itself loads the user's tenants and role. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await consoleSession();
  if (!session) redirect("/login");
  const collapsed = (await cookies()).get(SIDEBAR_COOKIE)?.value === "1";
  return (
    <NuqsAdapter>
      <ConsoleShell session={session} initialCollapsed={collapsed}>
        {children}
      </ConsoleShell>
    </NuqsAdapter>
  );
}
