import { describe, expect, it } from "vitest";
import {
  emptyTaskForm,
  formToInput,
  LAST_LANGUAGE_KEY,
  readLastLanguage,
  rememberLanguage,
  STARTER_SCRIPT,
  STARTER_SCRIPT_PYTHON,
  taskToForm,
  withLanguage,
} from "@/components/tasks/task-form";
import { ZCreateTaskInput } from "@/lib/schemas/task";

// The task form asks for the script language and remembers the operator's last choice.

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe("the task form's script language", () => {
  it("a new task starts in Python with a Python starter; the create input always names the language", () => {
    const form = emptyTaskForm(null);
    expect(form.script_language).toBe("python");
    expect(form.script_content).toBe(STARTER_SCRIPT_PYTHON);
    const input = ZCreateTaskInput.parse({ ...formToInput(form), task_name: "t" });
    expect(input.script_language).toBe("python");
    expect(emptyTaskForm(null, "javascript").script_content).toBe(STARTER_SCRIPT);
  });

  it("switching language swaps an untouched starter and keeps a script the operator wrote", () => {
    const form = emptyTaskForm(null, "python");
    expect(withLanguage(form, "javascript")).toMatchObject({
      script_language: "javascript",
      script_content: STARTER_SCRIPT,
    });
    const written = { ...form, script_content: "print('mine')" };
    expect(withLanguage(written, "javascript")).toMatchObject({
      script_language: "javascript",
      script_content: "print('mine')",
    });
  });

  it("a stored task shows its own language; rows without one read as JavaScript", () => {
    const base = {
      tenant_id: null,
      task_name: "t",
      task_desc: null,
      schedule_type: "simple",
      time_points: ["08:00"],
      cron_expression: null,
      timezone: "Asia/Shanghai",
      execution_type: "script",
      webhook_url: null,
      script_content: "x = 1",
      input_params: {},
      retry_count: 0,
      retry_interval: 60,
      alert_on_failure: false,
      alert_webhook: null,
      notify_channels: [],
      notify_wecom_app_id: null,
      is_enabled: true,
    };
    expect(taskToForm({ ...base, script_language: "python" }).script_language).toBe("python");
    expect(taskToForm(base).script_language).toBe("javascript");
  });

  it("remembers the last choice; ignores junk and storage that throws", () => {
    const storage = memoryStorage();
    expect(readLastLanguage(storage)).toBeNull();
    rememberLanguage(storage, "javascript");
    expect(storage.data.get(LAST_LANGUAGE_KEY)).toBe("javascript");
    expect(readLastLanguage(storage)).toBe("javascript");
    expect(readLastLanguage(memoryStorage({ [LAST_LANGUAGE_KEY]: "ruby" }))).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    expect(readLastLanguage(broken)).toBeNull();
    expect(() => rememberLanguage(broken, "python")).not.toThrow();
    expect(readLastLanguage(undefined)).toBeNull();
  });
});
