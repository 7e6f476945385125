"use client";

import * as React from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";

import type { AppRouter } from "@/server/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every render gets a fresh client so users never share a cache.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * The console's data layer: `const trpc = useTRPC(); useQuery(trpc.me.get.queryOptions())`.
 * Requests go to /api/trpc with the session and `active_tenant` cookies; the server picks the scope.
 */
export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = React.useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Request logging in development only; failures reach the UI through the queries.
        loggerLink({ enabled: () => process.env.NODE_ENV === "development" }),
        httpBatchLink({
          transformer: superjson,
          url: "/api/trpc",
          // Same-origin relative URL works in the browser; server renders do not call tRPC over HTTP.
          fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
