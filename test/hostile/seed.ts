import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser, ensureFirstAdmin } from "@/server/services/users";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { platformToken, tenantWithToken } from "../helpers/tenants";

// A small world for the hostile tests: two tenants, users of every role, tokens, and one row of
// each kind (ids 1…) so hostile calls that name a real id reach the code behind the checks.

export type World = Awaited<ReturnType<typeof seedWorld>>;

export async function seedWorld() {
  await resetDb();
  await ensureFirstAdmin({ email: "root@example.com", password: "root-password" });
  const acme = await tenantWithToken("acme");
  const viewer = await tenantWithToken("acme", "viewer");
  await tenantWithToken("globex");
  const platform = await platformToken();
  await createUser({
    scope: platformScope(),
    input: { email: "ops@acme.test", role: "tenant_admin", tenant_id: "acme" },
  });
  await createUser({
    scope: platformScope(),
    input: { email: "look@acme.test", role: "viewer", tenant_id: "acme" },
  });

  const callerFor = async (email: string, activeTenantId?: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return createCaller(createContext({ user: { id: user.id, email }, activeTenantId }));
  };
  const root = await callerFor("root@example.com", "acme");
  // Loopback robots: refused by the outbound policy, so nothing leaves the machine.
  // (Written directly: the API accepts only https robots outside OUTBOUND_ALLOWLIST.)
  const channel = await db.notifyChannel.create({
    data: {
      tenantId: "acme",
      channelName: "群",
      channelType: "wecom_bot",
      webhookUrl: "http://127.0.0.1:9/cgi-bin/webhook/send?key=k",
    },
  });
  const task = await root.tasks.create({
    task_name: "任务",
    schedule_type: "cron",
    cron_expression: "0 0 1 1 *",
    execution_type: "script",
    script_content: "result = 'ok'",
    notify_channels: [channel.id],
  } as never);
  await root.tasks.update({ id: task.id, data: { script_content: "result = 'v2'" } } as never);
  await root.wecomApps.create({
    app_name: "应用",
    corp_id: "corp",
    agent_id: 1000002,
    to_user: "@all",
    secret: "s3cret",
  });
  await root.secrets.set({ tenant_id: "acme", secret_key: "API_KEY", secret_value: "v" });
  await root.tenantConfigs.set({ tenant_id: "acme", app_code: "app", config_key: "k", config_value: "v" });
  await root.scriptVars.set({ task_id: task.id, key: "n", value: 1 });
  const now = new Date();
  await db.taskLog.create({
    data: {
      taskId: task.id,
      tenantId: "acme",
      traceId: "t-1",
      status: "success",
      trigger: "manual",
      startedAt: now,
      finishedAt: now,
      durationMs: 1,
      output: "ok",
    },
  });

  return {
    tokens: { platform, tenant: acme.token, viewer: viewer.token },
    callers: {
      platform: await callerFor("root@example.com"),
      platformInAcme: root,
      tenantAdmin: await callerFor("ops@acme.test"),
      viewer: await callerFor("look@acme.test"),
      anonymous: createCaller(createContext({ user: null })),
    },
    ids: { task: task.id, channel: channel.id },
  };
}
