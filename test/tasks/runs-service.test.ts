import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { platformScope, tenantScope } from "@/server/auth/scope";
import { getRunOrThrow, listRuns } from "@/server/services/runs";
import { resetDb } from "../helpers/db";

describe("run history", () => {
  beforeEach(resetDb);

  async function seedRuns(tenantId: string, n: number) {
    const task = await db.scheduledTask.create({ data: { tenantId, taskName: `task ${tenantId}` } });
    for (let i = 0; i < n; i++) {
      await db.taskLog.create({
        data: {
          taskId: task.id,
          tenantId,
          status: i % 2 ? "failed" : "success",
          traceId: `${tenantId}-${i}`,
        },
      });
    }
    return task;
  }

  it("pages a tenant's runs newest first by keyset, with the task's name, and never shows another tenant's", async () => {
    await seedRuns("a", 5);
    const other = await seedRuns("b", 3);
    const scope = tenantScope("a");
    const first = await listRuns({ scope, input: { limit: 2 } });
    expect(first.items.map((r) => r.trace_id)).toEqual(["a-4", "a-3"]);
    expect(first.items[0]!.task_name).toBe("task a");
    const second = await listRuns({ scope, input: { limit: 2, cursor: first.next_cursor! } });
    expect(second.items.map((r) => r.trace_id)).toEqual(["a-2", "a-1"]);
    const last = await listRuns({ scope, input: { limit: 2, cursor: second.next_cursor! } });
    expect(last).toMatchObject({ next_cursor: null });
    expect(last.items.map((r) => r.trace_id)).toEqual(["a-0"]);
    expect((await listRuns({ scope, input: { task_id: other.id } })).items).toEqual([]);
    expect((await listRuns({ scope, input: { status: "failed" } })).items.map((r) => r.trace_id)).toEqual([
      "a-3",
      "a-1",
    ]);

    const theirs = await db.taskLog.findFirstOrThrow({ where: { tenantId: "b" } });
    await expect(getRunOrThrow({ scope, id: Number(theirs.id) })).rejects.toThrow(/not found/);
    expect((await getRunOrThrow({ scope: platformScope(), id: Number(theirs.id) })).task_name).toBe("task b");
  });
});
