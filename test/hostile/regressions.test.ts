import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
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

  it("scriptVars.set refuses a value that is not JSON (a BigInt) as BAD_REQUEST naming the value", async () => {
    const before = await db.scriptVar.count();
    const err = await world.callers.tenantAdmin.scriptVars.set({ task_id: world.ids.task, key: "big", value: 10n ** 40n }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/var_value/);
    expect(await db.scriptVar.count()).toBe(before);
  });
});
