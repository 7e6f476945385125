import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/scheduled-tasks/route";
import * as logs from "@/app/api/scheduled-tasks/[id]/logs/route";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";

// A task's logs page by page (offset, also past the depth where ids are read first) and by
// keyset (before_id): the same rows in the same order, and an exact total either way.

const ROWS = 450;
const STATUSES = ["success", "failed", "skipped"] as const;

describe("a task's logs, deep pages and keyset", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;
  let b: Awaited<ReturnType<typeof tenantWithToken>>;
  let taskId: number;
  let expected: { id: number; status: string }[]; // newest first

  beforeAll(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
    b = await tenantWithToken("tenant-b");
    const task = {
      schedule_type: "cron",
      cron_expression: "0 8 * * *",
      execution_type: "script",
      script_content: "result = 1",
    };
    taskId = (await callRoute(collection.POST, { token: a.token, body: { ...task, task_name: "busy" } })).body
      .id;
    const other = (
      await callRoute(collection.POST, { token: a.token, body: { ...task, task_name: "other" } })
    ).body.id;
    // Interleaved with another task's rows, as real history is.
    const base = Date.UTC(2026, 0, 1);
    await db.taskLog.createMany({
      data: Array.from({ length: ROWS * 2 }, (_, i) => ({
        taskId: i % 2 === 0 ? taskId : other,
        tenantId: "tenant-a",
        status: STATUSES[i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0],
        trigger: "schedule" as const,
        scheduledFor: new Date(base + i * 1000),
      })),
    });
    const rows = await db.taskLog.findMany({
      where: { taskId },
      orderBy: { id: "desc" },
      select: { id: true, status: true },
    });
    expected = rows.map((r) => ({ id: Number(r.id), status: r.status! }));
  });

  const list = (query: Record<string, string>, token = a.token) =>
    callRoute(logs.GET, { token, params: { id: taskId }, query });
  const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

  it("page N at any depth holds the N-th slice newest first, with the exact total", async () => {
    for (const page of [1, 2, 15, 22, 23]) {
      const res = await list({ page: String(page), page_size: "20" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: ROWS, page, page_size: 20 });
      expect(ids(res.body)).toEqual(expected.slice((page - 1) * 20, page * 20).map((r) => r.id));
    }
    expect((await list({ page: "24", page_size: "20" })).body.items).toEqual([]);
  });

  it("walking by before_id visits every row once, in the same order as the pages", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const res = await list({ page_size: "100", ...(before ? { before_id: String(before) } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(ROWS);
      if (res.body.items.length === 0) break;
      seen.push(...ids(res.body));
      before = seen.at(-1);
    }
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it("a status filter pages and counts only that status, by offset and by keyset alike", async () => {
    const failed = expected.filter((r) => r.status === "failed");
    const deep = await list({ status: "failed", page: "2", page_size: "20" });
    expect(deep.body.total).toBe(failed.length);
    expect(ids(deep.body)).toEqual(failed.slice(20, 40).map((r) => r.id));
    const keyset = await list({ status: "failed", page_size: "20", before_id: String(failed[19]!.id) });
    expect(ids(keyset.body)).toEqual(ids(deep.body));
  });

  it("refuses a before_id that is not a positive integer, naming the field; another tenant's task is not found", async () => {
    for (const bad of ["abc", "0", "-3", "1.5"]) {
      const res = await list({ before_id: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain("before_id");
    }
    expect((await list({ before_id: String(expected[0]!.id) }, b.token)).status).toBe(404);
  });
});
