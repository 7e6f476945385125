import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import * as tasks from "@/app/api/scheduled-tasks/route";
import { callRoute } from "../helpers/rest";
import { seedWorld, type World } from "./seed";

// Inputs the hostile tests found answered with INTERNAL_SERVER_ERROR; kept as plain tests.
// (Over HTTP the console's superjson transformer carries BigInts, so both are reachable.)

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e: unknown) => (e instanceof TRPCError ? e.code : `threw ${String(e)}`),
  );
}

describe("hostile inputs found by the property tests", () => {
  let world: World;
  beforeAll(async () => {
    world = await seedWorld();
  }, 60_000);

  it("audit.list refuses a cursor beyond BIGINT as BAD_REQUEST", async () => {
    expect(await codeOf(world.callers.tenantAdmin.audit.list({ cursor: -(10n ** 70n) }))).toBe("BAD_REQUEST");
    expect(await codeOf(world.callers.platform.audit.list({ cursor: 2n ** 64n }))).toBe("BAD_REQUEST");
    expect(await codeOf(world.callers.platform.audit.list({ cursor: 2n ** 63n - 1n }))).toBe("ok");
  });

  it("scriptVars.set refuses a value that is not JSON (a BigInt) as BAD_REQUEST naming the value field", async () => {
    const before = await db.scriptVar.count();
    const err = await world.callers.tenantAdmin.scriptVars
      .set({ task_id: world.ids.task, key: "big", value: 10n ** 40n })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/^value: /);
    expect(await db.scriptVar.count()).toBe(before);
  });

  it("refuses text with an unpaired surrogate as BAD_REQUEST naming the field (MariaDB refused it in JSON columns)", async () => {
    const before = await db.apiToken.count();
    const err = await world.callers.platformInAcme.tokens
      .create({ name: "ci \uD800" })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/^name:/);
    expect(await db.apiToken.count()).toBe(before);
    const nested = await codeOf(
      world.callers.platformInAcme.tasks.run({
        id: world.ids.task,
        input_params: { ok: "好", bad: ["x", "\uDC00y"] },
      }),
    );
    expect(nested).toBe("BAD_REQUEST");
    // A well-formed pair (an emoji) is fine.
    expect(await codeOf(world.callers.platformInAcme.tokens.create({ name: "ci 😀" }))).toBe("ok");
  });

  it("tasks.previewSchedule answers BAD_REQUEST for a timezone that is an object without a prototype", async () => {
    const timezone = Object.create(null) as object;
    expect(
      await codeOf(
        world.callers.tenantAdmin.tasks.previewSchedule({
          schedule_type: "simple",
          time_points: ["08:00"],
          timezone,
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("wecomApps.update refuses an agent_id beyond INT (a Date coerces to its milliseconds)", async () => {
    const err = await world.callers.tenantAdmin.wecomApps
      .update({ id: 1, data: { agent_id: new Date("2100-01-01") } } as never)
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/agent_id/);
  });

  it("REST refuses a body with an unpaired surrogate escape as 400 naming the field, and creates nothing", async () => {
    const before = await db.scheduledTask.count();
    const rawBody =
      '{"task_name":"t","schedule_type":"simple","time_points":["08:00"],"execution_type":"script","script_content":"result=1","input_params":{"p":"\\ud800"}}';
    const res = await callRoute(tasks.POST, { token: world.tokens.tenant, rawBody });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "BAD_REQUEST", details: [{ path: "input_params.p" }] });
    expect(await db.scheduledTask.count()).toBe(before);
  });

  it("input_params holding what only superjson carries: undefined in an array is stored as JSON would (null), a BigInt is refused", async () => {
    const caller = world.callers.tenantAdmin;
    const { log_id } = (await caller.tasks.run({
      id: world.ids.task,
      input_params: { list: [1, undefined, 2], when: new Date("2026-01-01T00:00:00Z") },
    })) as { log_id: bigint };
    const log = await db.taskLog.findUniqueOrThrow({ where: { id: BigInt(log_id) } });
    expect(log.params).toEqual({ list: [1, null, 2], when: "2026-01-01T00:00:00.000Z" });
    expect(await codeOf(caller.tasks.run({ id: world.ids.task, input_params: { n: 1n } }))).toBe(
      "BAD_REQUEST",
    );
    const before = await db.scheduledTask.count();
    const created = await codeOf(
      caller.tasks.create({
        task_name: "t",
        schedule_type: "simple",
        time_points: ["08:00"],
        execution_type: "script",
        script_content: "result=1",
        input_params: { n: 2n },
      } as never),
    );
    expect(created).toBe("BAD_REQUEST");
    expect(await db.scheduledTask.count()).toBe(before);
  });
});
