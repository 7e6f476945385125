import { auditRouter } from "./routers/audit";
import { channelsRouter } from "./routers/channels";
import { dataSourcesRouter } from "./routers/data-sources";
import { meRouter } from "./routers/me";
import { messagesRouter } from "./routers/messages";
import { opsRouter } from "./routers/ops";
import { runsRouter } from "./routers/runs";
import { sandboxRouter } from "./routers/sandbox";
import { scriptVarsRouter } from "./routers/script-vars";
import { secretsRouter } from "./routers/secrets";
import { tenantConfigsRouter } from "./routers/tenant-configs";
import { tasksRouter } from "./routers/tasks";
import { tenantsRouter } from "./routers/tenants";
import { tokensRouter } from "./routers/tokens";
import { wecomAppsRouter } from "./routers/wecom-apps";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  tenants: tenantsRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  channels: channelsRouter,
  tasks: tasksRouter,
  wecomApps: wecomAppsRouter,
  sandbox: sandboxRouter,
  runs: runsRouter,
  secrets: secretsRouter,
  tenantConfigs: tenantConfigsRouter,
  scriptVars: scriptVarsRouter,
  messages: messagesRouter,
  dataSources: dataSourcesRouter,
  ops: opsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
