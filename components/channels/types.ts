import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type Channel = Outputs["channels"]["list"]["items"][number];
export type WecomApp = Outputs["wecomApps"]["list"][number];
