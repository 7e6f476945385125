"use client";

import * as React from "react";

import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";

export type Me = inferRouterOutputs<AppRouter>["me"]["get"];
export type Role = Me["tenants"][number]["role"];

/** What the console is looking at: the platform (all tenants) or one tenant. */
export type ConsoleScope = { type: "platform" } | { type: "tenant"; tenantId: string; name: string };

export type MeContextValue = {
  me: Me;
  scope: ConsoleScope;
  /** The role that applies in the current scope. */
  role: Role;
  /** False for viewers: pages hide or disable create/edit/delete. */
  canWrite: boolean;
};

const MeContext = React.createContext<MeContextValue | null>(null);

export function deriveMe(me: Me): MeContextValue {
  const tenant = me.activeTenantId ? me.tenants.find((t) => t.tenantId === me.activeTenantId) : undefined;
  const scope: ConsoleScope = tenant
    ? { type: "tenant", tenantId: tenant.tenantId, name: tenant.name }
    : { type: "platform" };
  const role: Role = tenant ? tenant.role : me.isPlatformAdmin ? "platform_admin" : "viewer";
  return { me, scope, role, canWrite: role !== "viewer" };
}

/** `me` is undefined while loading; useMe() is only called by parts rendered once it is there. */
export function MeProvider({ me, children }: { me: Me | undefined; children: React.ReactNode }) {
  const value = React.useMemo(() => (me ? deriveMe(me) : null), [me]);
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

/** The signed-in user, the current scope and role; available in every console page. */
export function useMe(): MeContextValue {
  const value = React.useContext(MeContext);
  if (!value) throw new Error("useMe must be used inside the console shell");
  return value;
}
