import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/root";
import { localRunner } from "@/server/runs/local-runner";
import { sized } from "../reliability/mode";
import { nastyString, nastyValue, shapedInput } from "./arbitraries";
import { schemaKeys } from "./schema-keys";
import { seedWorld, type World } from "./seed";
import { openSnapshotter, type Snapshot } from "./snapshot";
import { mutatedInput, validInputs } from "./valid-inputs";

// Every tRPC procedure of appRouter gets random and hostile inputs from every kind of caller:
// none may end in INTERNAL_SERVER_ERROR, and a refused call must leave every table as it was.

const RUNS = sized(12, 150);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 1_000_000);

type Procedure = { _def: { type: string; inputs: unknown[] } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures,
);

const WHO = ["platform", "platformInAcme", "tenantAdmin", "viewer", "anonymous"] as const;
/** Callers allowed to write, for the valid-but-one-field inputs. */
const WRITERS = ["platformInAcme", "platformInAcme", "tenantAdmin"] as const;
const PLATFORM_ONLY = ["tenants.create", "tenants.update", "tenants.delete"];
const writersOf = (path: string): readonly (typeof WHO)[number][] =>
  PLATFORM_ONLY.includes(path) ? ["platform"] : WRITERS;

function inputFor(procedure: Procedure, world: World): fc.Arbitrary<unknown> {
  const keys = procedure._def.inputs.map(schemaKeys);
  const top = [...new Set(keys.flatMap((k) => k.top))];
  const all = [...new Set(keys.flatMap((k) => k.all))];
  // Real ids and names for the keys that take them, so some calls pass the first checks.
  const real: Record<string, fc.Arbitrary<unknown>> = {
    id: fc.constantFrom(1, 2, world.ids.task, world.ids.channel),
    task_id: fc.constant(world.ids.task),
    user_id: fc.constantFrom(1, 2, 3),
    tenant_id: fc.constantFrom("acme", "globex", "nope"),
    version: fc.constantFrom(1, 2),
    from: fc.constantFrom(1, 2),
    to: fc.constantFrom(1, 2),
    expected_version: fc.constantFrom(1, 2),
    key: fc.constantFrom("n", "m"),
    data: shapedInput(all),
  };
  const realish = top.length
    ? fc.dictionary(
        fc.constantFrom(...top),
        fc.oneof(nastyValue, ...top.filter((k) => real[k]).map((k) => real[k]!)),
        { maxKeys: top.length },
      )
    : fc.anything({ maxDepth: 2 });
  return fc.oneof(fc.anything({ maxDepth: 3 }), shapedInput(top, shapedInput(all)), realish, nastyString);
}

function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v) =>
      typeof v === "bigint" ? `${v}n` : v === undefined ? "<undefined>" : v,
    );
    return (text ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
}

describe(
  `tRPC procedures under hostile input (${RUNS} calls each, seed ${SEED})`,
  { timeout: sized(60_000, 600_000) },
  () => {
    let world: World;
    let snapshots: Awaited<ReturnType<typeof openSnapshotter>>;
    let seeded: Snapshot;

    beforeAll(async () => {
      world = await seedWorld();
      snapshots = await openSnapshotter();
      seeded = await snapshots.take();
    }, 60_000);
    afterAll(async () => {
      await localRunner().idle();
      await snapshots?.close();
    });

    it("covers every procedure", () => {
      expect(procedures.length).toBeGreaterThan(40);
    });

    it.each(procedures.map(([path, p]) => [path, p] as const))("%s", async (path, procedure) => {
      // Successful calls before may have changed the world: start each procedure from the seed.
      if (snapshots.changed(seeded, await snapshots.take()).length > 0) {
        await localRunner().idle();
        world = await seedWorld();
        seeded = await snapshots.take();
      }
      const random = fc.tuple(inputFor(procedure, world), fc.constantFrom<(typeof WHO)[number]>(...WHO));
      const base = validInputs(world)[path];
      const allKeys = [...new Set(procedure._def.inputs.flatMap((i) => schemaKeys(i).all))];
      // Procedures with a valid input get half their calls as that input with a hostile field.
      const arbitrary = base
        ? fc.oneof(
            random,
            fc.tuple(mutatedInput(base, allKeys), fc.constantFrom<(typeof WHO)[number]>(...writersOf(path))),
          )
        : random;
      const samples = fc.sample(arbitrary, { numRuns: base ? RUNS * 2 : RUNS, seed: SEED + path.length });
      const problems: string[] = [];
      const outcomes: Record<string, number> = {};
      for (const [input, who] of samples) {
        const before = await snapshots.take();
        try {
          await call(world.callers[who], path, input);
          // Work a call started (a manual run) ends before the next snapshot.
          await localRunner().idle();
          outcomes.ok = (outcomes.ok ?? 0) + 1;
        } catch (err) {
          const code = err instanceof TRPCError ? err.code : "THROW";
          outcomes[code] = (outcomes[code] ?? 0) + 1;
          if (!(err instanceof TRPCError)) problems.push(`${who} ${show(input)} → threw ${String(err)}`);
          else if (err.code === "INTERNAL_SERVER_ERROR")
            problems.push(
              `${who} ${show(input)} → INTERNAL_SERVER_ERROR: ${String((err.cause as Error | undefined)?.message ?? err.message).slice(0, 300)}`,
            );
          const changed = snapshots.changed(before, await snapshots.take());
          if (changed.length > 0)
            problems.push(
              `${who} ${show(input)} → refused (${(err as TRPCError).code}) but changed ${changed.join(", ")}`,
            );
        }
      }
      if (process.env.RELIABILITY_VERBOSE) console.log(`${path}: ${JSON.stringify(outcomes)}`);
      expect(problems).toEqual([]);
    });
  },
);
