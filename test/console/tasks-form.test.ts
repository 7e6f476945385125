import { issueText } from "@/components/i18n/errors";
import { errorLine } from "@/components/editor/syntax-check";
import { describe, expect, it } from "vitest";

import {
  duplicateInput,
  emptyTaskForm,
  formFieldOf,
  formsDiffer,
  formToInput,
  mentionErrors,
  parseParams,
  taskToForm,
  validateForm,
} from "@/components/tasks/task-form";
import { nextFreeTime } from "@/components/tasks/schedule-builder";
import { alertTargetMissing, ZTaskFields } from "@/lib/schemas/task";

const PARAMS_MSG = "须为 JSON 对象";

const stored = {
  tenant_id: "demo",
  task_name: "销售日报",
  task_desc: null,
  schedule_type: "cron",
  time_points: null,
  cron_expression: "0 9 * * 1-5",
  timezone: "Asia/Shanghai",
  workday_filter: "workday",
  execution_type: "script",
  webhook_url: null,
  script_content: "result = '# hi'",
  input_params: { region: "华东" },
  retry_count: 2,
  retry_interval: 30,
  timeout_seconds: 120,
  alert_on_failure: false,
  alert_webhook: null,
  notify_channels: [3, 5],
  notify_wecom_app_id: null,
  is_enabled: true,
};

describe("task editor form", () => {
  it("round-trips a stored task into the form and back into a valid task input", () => {
    const form = taskToForm(stored);
    expect(form.input_params).toContain('"region": "华东"');
    const input = formToInput(form);
    expect(input).toMatchObject({
      schedule_type: "cron",
      cron_expression: "0 9 * * 1-5",
      time_points: null,
      input_params: { region: "华东" },
      notify_channels: [3, 5],
    });
    expect(ZTaskFields.safeParse(input).success).toBe(true);
    expect(formsDiffer(form, taskToForm(stored))).toBe(false);
  });

  it("drops the fields of the schedule and execution types not chosen", () => {
    const form = {
      ...emptyTaskForm("demo"),
      task_name: "x",
      schedule_type: "simple" as const,
      cron_expression: "bad",
      execution_type: "webhook" as const,
      webhook_url: "https://example.com/h",
    };
    const input = formToInput(form);
    expect(input.cron_expression).toBeNull();
    expect(input.script_content).toBeNull();
    expect(input.time_points).toEqual(["09:00"]);
    expect(validateForm(form, PARAMS_MSG)).toEqual({});
  });

  it("reports field errors with the server's paths before saving", () => {
    const form = {
      ...emptyTaskForm(null),
      task_name: "",
      schedule_type: "cron" as const,
      cron_expression: "0 9 * *",
      input_params: "[1, 2]",
      alert_on_failure: true,
    };
    const errors = validateForm(form, PARAMS_MSG, (issue) => issueText(issue, "zh"), false);
    expect(errors.task_name).toBe("任务名称不能为空");
    expect(errors.cron_expression).toMatch(/须为 5 段.*实际为 4 段/);
    expect(errors.input_params).toBe(PARAMS_MSG);
    // On the server's field, in the server's words.
    expect(errors.alert_channels).toBe("开启失败告警需要告警渠道、告警 Webhook 或租户默认告警渠道");
    const badPoint = validateForm(
      { ...emptyTaskForm(null), task_name: "t", time_points: ["08:00", "25:00"] },
      PARAMS_MSG,
    );
    expect(Object.keys(badPoint)).toEqual(["time_points.1"]);
  });

  it("lets failure alerts go to a channel, the alert webhook or the tenant default: the server's rule", () => {
    const say = (issue: Parameters<typeof issueText>[0]) => issueText(issue, "zh");
    const alerting = { ...emptyTaskForm("demo"), task_name: "t", alert_on_failure: true };
    const cases = [
      { form: { ...alerting, alert_channels: [7] }, tenantDefault: false, missing: false },
      {
        form: { ...alerting, alert_webhook: "https://oapi.dingtalk.com/robot/send?access_token=x" },
        tenantDefault: false,
        missing: false,
      },
      { form: alerting, tenantDefault: true, missing: false },
      { form: alerting, tenantDefault: false, missing: true },
      { form: { ...alerting, alert_webhook: "   " }, tenantDefault: false, missing: true },
      { form: { ...alerting, alert_on_failure: false }, tenantDefault: false, missing: false },
    ];
    for (const c of cases) {
      // The editor and the server (server/services/tasks.ts) ask the same function.
      expect(alertTargetMissing(formToInput(c.form), c.tenantDefault)).toBe(c.missing);
      const errors = validateForm(c.form, PARAMS_MSG, say, c.tenantDefault);
      expect(errors.alert_channels !== undefined, JSON.stringify(c)).toBe(c.missing);
      expect(errors.alert_webhook).toBeUndefined();
    }
    // Not known yet whether the tenant has a default: the server decides.
    expect(validateForm(alerting, PARAMS_MSG, say)).toEqual({});
  });

  it("puts @mention errors on their input, naming the entries, client and server alike", () => {
    const form = {
      ...emptyTaskForm("demo"),
      task_name: "t",
      alert_on_failure: true,
      alert_channels: [7],
      alert_at_mobiles: "13800000000, abc，12-x",
      alert_mentioned_list: "zhangsan",
      alert_mentioned_mobiles: "1390000000a",
    };
    const errors = validateForm(form, PARAMS_MSG, (issue) => issueText(issue, "zh"), false);
    expect(errors).toEqual({
      "alert_mentions.at_mobiles.1": "须为手机号",
      "alert_mentions.at_mobiles.2": "须为手机号",
      "alert_mentions.mentioned_mobile_list.0": "须为手机号",
    });
    expect(mentionErrors(errors, "alert_at_mobiles", form.alert_at_mobiles)).toEqual([
      { entries: ["abc", "12-x"], message: "须为手机号" },
    ]);
    expect(mentionErrors(errors, "alert_mentioned_mobiles", form.alert_mentioned_mobiles)).toEqual([
      { entries: ["1390000000a"], message: "须为手机号" },
    ]);
    expect(mentionErrors(errors, "alert_mentioned_list", form.alert_mentioned_list)).toEqual([]);
    // The English console gets the English half of the schema's message.
    const en = validateForm(form, PARAMS_MSG, (issue) => issueText(issue, "en"), false);
    expect(en["alert_mentions.at_mobiles.1"]).toBe("must be a phone number");
    // A server error on the whole list (too many) stands alone.
    const many = { "alert_mentions.mentioned_list": "最多 50 项" };
    expect(mentionErrors(many, "alert_mentioned_list", "a, b")).toEqual([
      { entries: [], message: "最多 50 项" },
    ]);
    // Editing an input clears its list's errors: the error paths belong to the input.
    expect(formFieldOf("alert_mentions.at_mobiles.1")).toBe("alert_at_mobiles");
    expect(formFieldOf("alert_mentions.mentioned_mobile_list")).toBe("alert_mentioned_mobiles");
    expect(formFieldOf("time_points.1")).toBe("time_points");
  });

  it("parses input params only when they are a JSON object", () => {
    expect(parseParams('{"a": 1}')).toEqual({ a: 1 });
    expect(parseParams("  ")).toEqual({});
    expect(parseParams("[1]")).toBeNull();
    expect(parseParams("null")).toBeNull();
    expect(parseParams("{oops")).toBeNull();
  });

  it("names a duplicate '<name> 副本' within the 100-character limit", () => {
    expect(duplicateInput(stored, "副本").task_name).toBe("销售日报 副本");
    const long = duplicateInput({ ...stored, task_name: "长".repeat(100) }, "副本").task_name;
    expect(long).toHaveLength(100);
    expect(long.endsWith(" 副本")).toBe(true);
    expect(ZTaskFields.safeParse(duplicateInput(stored, "副本")).success).toBe(true);
  });

  it("a copy starts disabled (an enabled copy pushes the same message twice), so does a new task", () => {
    expect(stored.is_enabled).toBe(true);
    expect(duplicateInput(stored, "副本").is_enabled).toBe(false);
    expect(emptyTaskForm(null).is_enabled).toBe(false);
  });

  it("marks the line of a runtime error, JavaScript and Python", () => {
    expect(errorLine("TypeError: x is not a function\n    at script.js:3:5")).toEqual({ line: 3, column: 5 });
    const py =
      'Traceback (most recent call last):\n  File "script.py", line 2, in <module>\n  File "script.py", line 7, in f\nZeroDivisionError: division by zero';
    expect(errorLine(py, "python")).toEqual({ line: 7, column: 1 });
    expect(errorLine("超出执行时间限制 60s", "python")).toBeNull();
  });

  it("adds a time point that is not taken yet", () => {
    expect(nextFreeTime(["08:00"])).toBe("09:00");
    expect(nextFreeTime(["08:00", "09:00"])).toBe("10:00");
    expect(nextFreeTime(["23:30"])).toBe("00:30");
  });
});
