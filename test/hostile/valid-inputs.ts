import fc from "fast-check";
import { nastyValue } from "./arbitraries";
import type { World } from "./seed";

// Valid inputs per procedure; the hostile tests change one or two fields (or drop one) so the
// call passes the first checks and the odd value reaches the code behind them.

const taskFields = {
  task_name: "新任务",
  schedule_type: "cron",
  cron_expression: "*/5 * * * *",
  timezone: "Asia/Shanghai",
  execution_type: "script",
  script_content: "result = 'ok'",
  input_params: { a: 1 },
  retry_count: 1,
  retry_interval: 10,
  timeout_seconds: 30,
  misfire_grace_seconds: 60,
  overlap_policy: "skip",
  workday_filter: "none",
  alert_on_failure: false,
  notify_channels: [] as number[],
};

const schedule = {
  schedule_type: "simple",
  time_points: ["08:00", "12:30"],
  timezone: "Asia/Shanghai",
  workday_filter: "workday",
  count: 5,
};

export function validInputs(world: World): Record<string, Record<string, unknown>> {
  const id = world.ids.task;
  return {
    "tenants.create": { tenant_id: "newco", name: "New Co", is_enabled: true },
    "tenants.update": {
      tenant_id: "acme",
      name: "Acme",
      is_enabled: true,
      extra_holidays: ["2026-12-31"],
      extra_workdays: ["2026-12-27"],
    },
    "tenants.addMember": {
      email: "new@acme.test",
      name: "新人",
      password: "long-enough-pw",
      tenant_id: "acme",
      role: "viewer",
    },
    "tokens.create": { name: "ci", tenant_id: "acme", role: "viewer", expires_in_days: 30 },
    "channels.create": {
      channel_name: "钉钉群",
      channel_type: "dingtalk_bot",
      webhook_url: "https://1.1.1.1/robot/send?access_token=abc",
      sign_secret: "SECabc",
      description: "d",
      is_enabled: true,
    },
    "channels.update": {
      id: world.ids.channel,
      data: { channel_name: "改名", description: "x", is_enabled: false },
    },
    "channels.test": { id: world.ids.channel, content: "测试" },
    "tasks.create": taskFields,
    "tasks.update": { id, data: { ...taskFields, expected_version: 2 } },
    "tasks.toggle": { id, is_enabled: false },
    "tasks.run": { id, input_params: { a: 2 } },
    "tasks.logs": { id, page: 1, page_size: 20, status: "success" },
    "tasks.previewSchedule": schedule,
    "tasks.version": { id, version: 1 },
    "tasks.diff": { id, from: 1, to: 2 },
    "tasks.restore": { id, version: 1 },
    "wecomApps.create": {
      app_name: "应用2",
      corp_id: "corp",
      agent_id: 1000003,
      to_user: "@all",
      to_party: "",
      to_tag: "",
      is_enabled: true,
      secret: "s",
      tenant_id: "acme",
    },
    "wecomApps.update": { id: 1, data: { app_name: "改名", to_user: "zhangsan", secret: "new" } },
    "sandbox.testScript": {
      script_content: "log(get_param('a'))\nresult = { content: 'hi' }",
      input_params: { a: 1 },
      tenant_id: "acme",
      timeout_seconds: 5,
    },
    "runs.list": {
      task_id: id,
      tenant_id: "acme",
      status: "success",
      trigger: "manual",
      trace_id: "t-1",
      limit: 10,
    },
    "runs.stats": { task_id: id, limit: 50 },
    "secrets.set": { tenant_id: "acme", secret_key: "TOKEN_2", secret_value: "v", description: "d" },
    "tenantConfigs.set": {
      tenant_id: "acme",
      app_code: "app2",
      config_key: "k",
      config_value: "v",
      is_secret: true,
    },
    "scriptVars.set": { task_id: id, key: "k", value: { nested: [1, 2] } },
    "messages.preview": { result: { msg_type: "markdown", title: "T", content: "**hi**" } },
    "tenants.members": { tenant_id: "acme" },
    "audit.list": { tenant_id: "acme" },
  };
}

function mutateOne(base: Record<string, unknown>, keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), nastyValue).map(([k, v]) => ({ ...base, [k]: v })),
    fc
      .tuple(fc.constantFrom(...keys), nastyValue, fc.constantFrom(...keys), nastyValue)
      .map(([k1, v1, k2, v2]) => ({ ...base, [k1]: v1, [k2]: v2 })),
    fc.constantFrom(...Object.keys(base)).map((k) => {
      const copy = { ...base };
      delete copy[k];
      return copy;
    }),
  );
}

/** A valid input with one or two fields set to hostile values (inside `data` for updates), or one left out. */
export function mutatedInput(base: Record<string, unknown>, schemaKeys: string[]): fc.Arbitrary<unknown> {
  const keys = [...new Set([...Object.keys(base), ...schemaKeys])];
  const data = base.data;
  if (data && typeof data === "object") {
    const inner = data as Record<string, unknown>;
    const innerKeys = [
      ...new Set([...Object.keys(inner), ...schemaKeys.filter((k) => k !== "id" && k !== "data")]),
    ];
    return fc.oneof(
      { weight: 3, arbitrary: mutateOne(inner, innerKeys).map((d) => ({ ...base, data: d })) },
      { weight: 1, arbitrary: mutateOne(base, keys) },
    );
  }
  return mutateOne(base, keys);
}
