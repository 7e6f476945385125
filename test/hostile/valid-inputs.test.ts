import { beforeAll, describe, expect, it } from "vitest";
import { localRunner } from "@/server/runs/local-runner";
import { seedWorld, type World } from "./seed";
import { validInputs } from "./valid-inputs";

// The hostile tRPC test changes one field of these inputs; they must be accepted as they are, or
// the hostile values would never get past the first check.

describe("the valid inputs the hostile tests start from", () => {
  let world: World;
  beforeAll(async () => {
    world = await seedWorld();
  }, 60_000);

  it("are each accepted by their procedure", async () => {
    const refused: string[] = [];
    for (const [path, input] of Object.entries(validInputs(world))) {
      const caller =
        path.startsWith("tenants.") && path !== "tenants.members" && path !== "tenants.addMember"
          ? world.callers.platform
          : world.callers.platformInAcme;
      const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
        i: unknown,
      ) => Promise<unknown>;
      await fn(input).catch((err: Error) => refused.push(`${path}: ${err.message}`));
    }
    await localRunner().idle();
    expect(refused).toEqual([]);
  });
});
