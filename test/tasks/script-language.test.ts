import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RowDataPacket } from "mysql2/promise";
import * as collection from "@/app/api/scheduled-tasks/route";
import * as item from "@/app/api/scheduled-tasks/[id]/route";
import * as testScriptRoute from "@/app/api/scheduled-tasks/test-script/route";
import { db } from "@/server/db";
import { openConnection } from "@/server/db/connection";
import { applyMigrations, defaultMigrationsDir } from "@/server/db/migrate";
import { createCaller } from "@/server/root";
import { resetLocalRunner, localRunner } from "@/server/runs/local-runner";
import { runTaskNow } from "@/server/runs/manual-run";
import { createUser } from "@/server/services/users";
import { platformScope } from "@/server/auth/scope";
import { createContext } from "@/server/trpc";
import { dropDatabase, resetDb, scratchDatabase } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";

// script_language: 'python' | 'javascript' on a task and on test-script. A REST client that
// omits it is one of the original system's (Python); the console always sends it; tRPC without
// it stays JavaScript, as every tRPC create was before the field existed.

const TASK = {
  task_name: "早报",
  schedule_type: "simple",
  time_points: ["08:00"],
  execution_type: "script",
  script_content: "result = {'content': 'hi'}",
};

// Python only: a JavaScript parser refuses it.
const PYTHON_ONLY = "squares = [i * i for i in range(3)]\nresult = {'content': str(squares)}";

describe("script_language", { timeout: 60_000 }, () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeAll(() => {
    resetLocalRunner();
    localRunner({ concurrency: 2 });
  });

  beforeEach(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
  });

  async function trpcAdmin() {
    await createUser({
      scope: platformScope(),
      input: { email: "a@a.test", role: "tenant_admin", tenant_id: "tenant-a" },
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "a@a.test" } });
    return createCaller(createContext({ user: { id: user.id, email: user.email } }));
  }

  it("REST create without it is Python (the original's clients); with it, as sent", async () => {
    const py = await callRoute(collection.POST, { token: a.token, body: TASK });
    expect(py.status).toBe(201);
    expect(py.body.script_language).toBe("python");
    const js = await callRoute(collection.POST, {
      token: a.token,
      body: { ...TASK, task_name: "js", script_language: "javascript", script_content: "result = 'x'" },
    });
    expect(js.status).toBe(201);
    expect(js.body.script_language).toBe("javascript");
    const rows = await db.scheduledTask.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.scriptLanguage)).toEqual(["python", "javascript"]);
  });

  it.each(["ruby", "Python", "", 1, null])(
    "refuses script_language %j with 400 naming it, nothing created",
    async (v) => {
      const res = await callRoute(collection.POST, { token: a.token, body: { ...TASK, script_language: v } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain("script_language");
      expect(await db.scheduledTask.count()).toBe(0);
    },
  );

  it("PUT changes it; a PUT that omits it keeps it; GET and the list show it and filter by it", async () => {
    const created = await callRoute(collection.POST, { token: a.token, body: TASK });
    const id = created.body.id as number;
    const renamed = await callRoute(item.PUT, {
      token: a.token,
      method: "PUT",
      params: { id },
      body: { task_name: "改名" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.script_language).toBe("python");
    const switched = await callRoute(item.PUT, {
      token: a.token,
      method: "PUT",
      params: { id },
      body: { script_language: "javascript" },
    });
    expect(switched.body.script_language).toBe("javascript");
    expect((await callRoute(item.GET, { token: a.token, params: { id } })).body.script_language).toBe(
      "javascript",
    );
    const bad = await callRoute(item.PUT, {
      token: a.token,
      method: "PUT",
      params: { id },
      body: { script_language: "perl" },
    });
    expect(bad.status).toBe(400);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id } })).scriptLanguage).toBe("javascript");
    const list = await callRoute(collection.GET, { token: a.token, query: { script_language: "python" } });
    expect(list.body.total).toBe(0);
  });

  it("tRPC create without it is JavaScript, with it as sent", async () => {
    const caller = await trpcAdmin();
    const js = await caller.tasks.create({ ...TASK, schedule_type: "simple", execution_type: "script" });
    expect(js.script_language).toBe("javascript");
    const py = await caller.tasks.create({
      ...TASK,
      schedule_type: "simple",
      execution_type: "script",
      script_language: "python",
    });
    expect(py.script_language).toBe("python");
  });

  it("test-script: REST without it runs Python, tRPC without it JavaScript; each names its language", async () => {
    const rest = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: { script_content: PYTHON_ONLY },
    });
    expect(rest.status).toBe(200);
    expect(rest.body.script_language).toBe("python");
    // Python runs on Pyodide in the sandbox (server/sandbox/python/).
    expect(rest.body).toMatchObject({ success: true, code: null, error: null });
    expect(rest.body.result).toMatchObject({ content: "[0, 1, 4]" });

    const js = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: { script_content: "result = 'ok ' + (1 + 1)", script_language: "javascript" },
    });
    expect(js.body).toMatchObject({ success: true, script_language: "javascript", code: null });
    expect(js.body.result).toMatchObject({ content: "ok 2" });

    const caller = await trpcAdmin();
    const viaTrpc = await caller.sandbox.testScript({ script_content: "result = 'ok'" });
    expect(viaTrpc).toMatchObject({ success: true, script_language: "javascript" });
  });

  it("a Python task's run goes through the Python path and is never left running", async () => {
    const created = await callRoute(collection.POST, {
      token: a.token,
      body: { ...TASK, script_content: PYTHON_ONLY },
    });
    const { log_id } = await runTaskNow({ scope: a.scope, id: created.body.id });
    await localRunner().idle();
    const log = await db.taskLog.findUniqueOrThrow({ where: { id: log_id } });
    expect(log.status).not.toBe("running");
    expect(log.finishedAt).not.toBeNull();
    // Not a JavaScript SyntaxError: the script went to the Python runtime.
    expect(log.error ?? "").not.toMatch(/SyntaxError/);
    expect(log.status).toBe("success");
    expect(log.error).toBeNull();
  });
});

describe("the script_language migration", () => {
  const urls: string[] = [];
  let dir: string | undefined;
  afterAll(async () => {
    for (const url of urls) await dropDatabase(url);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("marks the tasks this platform created before it as JavaScript; later inserts default to Python", async () => {
    const url = await scratchDatabase("script_lang");
    urls.push(url);
    // The migrations up to (not including) script_language, then a task as the platform wrote it.
    const all = (await readdir(defaultMigrationsDir(), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const mine = all.findIndex((n) => n.endsWith("_script_language"));
    expect(mine).toBeGreaterThan(0);
    dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    for (const name of all.slice(0, mine))
      await cp(path.join(defaultMigrationsDir(), name), path.join(dir, name), { recursive: true });
    await applyMigrations(url, { dir });
    const conn = await openConnection(url);
    try {
      await conn.query(
        "INSERT INTO platform_scheduled_tasks (task_name, script_content) VALUES ('old', 'result = 1')",
      );
      await applyMigrations(url);
      await conn.query(
        "INSERT INTO platform_scheduled_tasks (task_name, script_content) VALUES ('new', 'x = 1')",
      );
      const [rows] = await conn.query<RowDataPacket[]>(
        "SELECT task_name, script_language FROM platform_scheduled_tasks ORDER BY id",
      );
      expect(rows.map((r) => [r.task_name, r.script_language])).toEqual([
        ["old", "javascript"],
        ["new", "python"],
      ]);
    } finally {
      await conn.end();
    }
  });
});
