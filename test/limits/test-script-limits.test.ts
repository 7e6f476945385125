import { beforeEach, describe, expect, it } from "vitest";
import * as tasksRoute from "@/app/api/scheduled-tasks/route";
import * as testScriptRoute from "@/app/api/scheduled-tasks/test-script/route";
import { MAX_SCRIPT_BYTES } from "@/lib/schemas/task";
import { limiters } from "@/server/limits";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";

describe("test-script limits (issue 11: per-user concurrency, timeout cap)", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  let b: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeEach(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
    b = await tenantWithToken("tenant-b");
  });

  it("runs two test scripts of one caller at once and answers 429 to the third; others are unaffected", async () => {
    const slow = { script_language: "javascript", script_content: "time.sleep(0.8)\nlog('done')" };
    const first = [
      callRoute(testScriptRoute.POST, { token: a.token, body: slow }),
      callRoute(testScriptRoute.POST, { token: a.token, body: slow }),
    ];
    // Both hold their slot (auth and the tenant check come first).
    for (let i = 0; i < 200 && limiters().testScript.inUse < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    const third = await callRoute(testScriptRoute.POST, { token: a.token, body: slow });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("TOO_MANY_REQUESTS");
    expect(third.body.error.message).toMatch(/test_script_busy/);
    // Another caller is not held back by a's two runs.
    const other = await callRoute(testScriptRoute.POST, {
      token: b.token,
      body: { script_language: "javascript", script_content: "1" },
    });
    expect(other.status).toBe(200);
    for (const res of await Promise.all(first)) expect(res.body.success).toBe(true);
    // Slots are given back when a run ends, also when it fails.
    const again = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: { script_language: "javascript", script_content: "throw new Error('x')" },
    });
    expect(again.status).toBe(200);
    expect((await callRoute(testScriptRoute.POST, { token: a.token, body: slow })).status).toBe(200);
  });

  it("refuses a timeout above 120 s naming timeout_seconds, and accepts 120", async () => {
    for (const timeout_seconds of [121, 600, 100_000]) {
      const res = await callRoute(testScriptRoute.POST, {
        token: a.token,
        body: { script_language: "javascript", script_content: "1", timeout_seconds },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("timeout_seconds");
    }
    const ok = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: { script_language: "javascript", script_content: "1", timeout_seconds: 120 },
    });
    expect(ok.status).toBe(200);
  });

  it("holds a test run and a saved task to one script limit, counted in UTF-8 bytes", async () => {
    // 中 is 3 bytes: just over the limit in bytes though far under it in characters.
    const tooBig = `// ${"中".repeat(MAX_SCRIPT_BYTES / 3)}`;
    const fits = `// ${"x".repeat(MAX_SCRIPT_BYTES - 3)}`;
    const task = (script_content: string) => ({
      task_name: "size",
      schedule_type: "cron",
      cron_expression: "0 9 * * *",
      script_language: "javascript",
      script_content,
    });
    const test = (script_content: string) => ({ script_language: "javascript", script_content });
    for (const [route, body] of [
      [tasksRoute.POST, task(tooBig)],
      [testScriptRoute.POST, test(tooBig)],
    ] as const) {
      const res = await callRoute(route, { token: a.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("script_content");
    }
    expect((await callRoute(tasksRoute.POST, { token: a.token, body: task(fits) })).status).toBe(201);
    expect((await callRoute(testScriptRoute.POST, { token: a.token, body: test(fits) })).status).toBe(200);
  });
});
