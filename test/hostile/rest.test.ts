import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tasks from "@/app/api/scheduled-tasks/route";
import * as task from "@/app/api/scheduled-tasks/[id]/route";
import * as toggle from "@/app/api/scheduled-tasks/[id]/toggle/route";
import * as logs from "@/app/api/scheduled-tasks/[id]/logs/route";
import * as run from "@/app/api/scheduled-tasks/[id]/run/route";
import * as preview from "@/app/api/scheduled-tasks/preview-schedule/route";
import * as testScript from "@/app/api/scheduled-tasks/test-script/route";
import * as sdkDocs from "@/app/api/scheduled-tasks/sdk-docs/route";
import * as channels from "@/app/api/notification-channels/route";
import * as channel from "@/app/api/notification-channels/[id]/route";
import * as channelTest from "@/app/api/notification-channels/[id]/test/route";
import * as health from "@/app/api/health/route";
import {
  ZCreateChannelInput,
  ZListChannelsQuery,
  ZTestChannelInput,
  ZUpdateChannelInput,
} from "@/lib/schemas/channel";
import {
  ZCreateTaskInput,
  ZListLogsQuery,
  ZListTasksQuery,
  ZRunTaskInput,
  ZToggleTaskInput,
  ZUpdateTaskInput,
} from "@/lib/schemas/task";
import { ZPagination } from "@/lib/zod-helpers";
import { localRunner } from "@/server/runs/local-runner";
import { ZTestScriptInput } from "@/lib/schemas/sandbox";
import { sized } from "../reliability/mode";
import { jsonBody, nastyString, nastyValue, shapedInput } from "./arbitraries";
import { schemaKeys } from "./schema-keys";
import { seedWorld, type World } from "./seed";
import { openSnapshotter, type Snapshot } from "./snapshot";
import { mutatedInput, validInputs } from "./valid-inputs";

/** The REST body for a tRPC valid input: updates send `data` as the body, the id goes in the path. */
function restBody(input: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, data, ...rest } = input;
  return data && typeof data === "object" ? (data as Record<string, unknown>) : rest;
}

// Every REST endpoint gets malformed, oversized and wrong-typed bodies, path params and query
// strings, with every kind of credential: never a 5xx, always the error envelope, and a refused
// request changes no row.

const RUNS = sized(25, 300);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 1_000_000);

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Endpoint = {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  params?: boolean;
  query?: string[];
  body?: string[];
  valid?: string;
};

const keys = (...schemas: unknown[]) => [...new Set(schemas.flatMap((s) => schemaKeys(s).all))];
const page = keys(ZPagination);
const taskBody = keys(ZCreateTaskInput, ZUpdateTaskInput);
const channelBody = keys(ZCreateChannelInput, ZUpdateChannelInput);

const endpoints: Endpoint[] = [
  {
    name: "GET /api/scheduled-tasks",
    handler: tasks.GET,
    method: "GET",
    path: "/api/scheduled-tasks",
    query: [...page, ...keys(ZListTasksQuery)],
  },
  {
    name: "POST /api/scheduled-tasks",
    valid: "tasks.create",
    handler: tasks.POST,
    method: "POST",
    path: "/api/scheduled-tasks",
    body: taskBody,
  },
  {
    name: "GET /api/scheduled-tasks/{id}",
    handler: task.GET,
    method: "GET",
    path: "/api/scheduled-tasks/1",
    params: true,
  },
  {
    name: "PUT /api/scheduled-tasks/{id}",
    valid: "tasks.update",
    handler: task.PUT,
    method: "PUT",
    path: "/api/scheduled-tasks/1",
    params: true,
    body: taskBody,
  },
  {
    name: "DELETE /api/scheduled-tasks/{id}",
    handler: task.DELETE,
    method: "DELETE",
    path: "/api/scheduled-tasks/1",
    params: true,
  },
  {
    name: "POST /api/scheduled-tasks/{id}/toggle",
    valid: "tasks.toggle",
    handler: toggle.POST,
    method: "POST",
    path: "/api/scheduled-tasks/1/toggle",
    params: true,
    body: keys(ZToggleTaskInput),
  },
  {
    name: "GET /api/scheduled-tasks/{id}/logs",
    handler: logs.GET,
    method: "GET",
    path: "/api/scheduled-tasks/1/logs",
    params: true,
    query: [...page, ...keys(ZListLogsQuery)],
  },
  {
    name: "POST /api/scheduled-tasks/{id}/run",
    valid: "tasks.run",
    handler: run.POST,
    method: "POST",
    path: "/api/scheduled-tasks/1/run",
    params: true,
    body: keys(ZRunTaskInput),
  },
  {
    name: "POST /api/scheduled-tasks/preview-schedule",
    valid: "tasks.previewSchedule",
    handler: preview.POST,
    method: "POST",
    path: "/api/scheduled-tasks/preview-schedule",
    body: [...taskBody, "count", "from"],
  },
  {
    name: "POST /api/scheduled-tasks/test-script",
    valid: "sandbox.testScript",
    handler: testScript.POST,
    method: "POST",
    path: "/api/scheduled-tasks/test-script",
    body: keys(ZTestScriptInput),
  },
  {
    name: "GET /api/scheduled-tasks/sdk-docs",
    handler: sdkDocs.GET,
    method: "GET",
    path: "/api/scheduled-tasks/sdk-docs",
    query: ["format", "lang"],
  },
  {
    name: "GET /api/notification-channels",
    handler: channels.GET,
    method: "GET",
    path: "/api/notification-channels",
    query: [...page, ...keys(ZListChannelsQuery)],
  },
  {
    name: "POST /api/notification-channels",
    valid: "channels.create",
    handler: channels.POST,
    method: "POST",
    path: "/api/notification-channels",
    body: channelBody,
  },
  {
    name: "GET /api/notification-channels/{id}",
    handler: channel.GET,
    method: "GET",
    path: "/api/notification-channels/1",
    params: true,
  },
  {
    name: "PUT /api/notification-channels/{id}",
    valid: "channels.update",
    handler: channel.PUT,
    method: "PUT",
    path: "/api/notification-channels/1",
    params: true,
    body: channelBody,
  },
  {
    name: "DELETE /api/notification-channels/{id}",
    handler: channel.DELETE,
    method: "DELETE",
    path: "/api/notification-channels/1",
    params: true,
  },
  {
    name: "POST /api/notification-channels/{id}/test",
    valid: "channels.test",
    handler: channelTest.POST,
    method: "POST",
    path: "/api/notification-channels/1/test",
    params: true,
    body: keys(ZTestChannelInput),
  },
];

const OVERSIZED = `{"task_name":"${"x".repeat(1_100_000)}"}`;
const rawBodies = fc.constantFrom(
  "{",
  "[1,2",
  "\u0000",
  "null",
  '"text"',
  '{"a":1}}',
  "{'single':'quotes'}",
  "\uFEFF{}",
  "NaN",
  OVERSIZED,
  "[".repeat(5_000) + "]".repeat(5_000),
);

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v)) ?? "";
  } catch {
    return String(value);
  }
}

type Call = {
  auth: string | null;
  id: string;
  query: Record<string, string>;
  body: string | null;
  contentType: string | null;
};

function callsFor(e: Endpoint, world: World): fc.Arbitrary<Call> {
  const id = fc.oneof(
    nastyString,
    fc.constantFrom("1", "2", String(world.ids.task), String(world.ids.channel), "-1", "1.5", "1e3", "0x1"),
  );
  const queryKeys = [...(e.query ?? []), "page", "x"];
  const query = fc.dictionary(
    fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 6 })),
    nastyString.map((s) => s.slice(0, 5_000)),
    { maxKeys: 4 },
  );
  const valid = e.valid ? restBody(validInputs(world)[e.valid]!) : undefined;
  const body = fc.oneof(
    ...(valid ? [{ weight: 6, arbitrary: mutatedInput(valid, e.body ?? []).map(jsonText) }] : []),
    fc.constant(null),
    jsonBody.map(jsonText),
    shapedInput(e.body ?? [], shapedInput(e.body ?? [])).map(jsonText),
    fc
      .dictionary(fc.constantFrom(...(e.body?.length ? e.body : ["a"])), nastyValue, { maxKeys: 6 })
      .map(jsonText),
    rawBodies,
  );
  const auth = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        `Bearer ${world.tokens.platform}`,
        `Bearer ${world.tokens.tenant}`,
        `Bearer ${world.tokens.tenant}`,
        `Bearer ${world.tokens.viewer}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("Bearer stp_not-a-real-token", "Bearer ", "Basic cm9vdDpyb290", null),
    },
  );
  const contentType = fc.constantFrom(
    "application/json",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    null,
  );
  return fc.record({ auth, id, query, body, contentType });
}

async function send(e: Endpoint, c: Call): Promise<{ status: number; text: string }> {
  const url = new URL(`http://localhost${e.path}`);
  for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, v);
  const headers = new Headers();
  if (c.auth) headers.set("authorization", c.auth);
  if (c.contentType) headers.set("content-type", c.contentType);
  const body = e.method === "GET" || e.method === "DELETE" || c.body === null ? undefined : c.body;
  const res = await e.handler(new Request(url, { method: e.method, headers, body }), {
    params: Promise.resolve({ id: c.id }),
  });
  return { status: res.status, text: await res.text() };
}

function show(c: Call): string {
  return JSON.stringify({
    ...c,
    body: c.body && c.body.length > 200 ? `${c.body.slice(0, 200)}…(${c.body.length})` : c.body,
  }).slice(0, 600);
}

describe(
  `REST endpoints under hostile input (${RUNS} requests each, seed ${SEED})`,
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

    it.each(endpoints.map((e) => [e.name, e] as const))("%s", async (_name, e) => {
      if (snapshots.changed(seeded, await snapshots.take()).length > 0) {
        await localRunner().idle();
        world = await seedWorld();
        seeded = await snapshots.take();
      }
      const problems: string[] = [];
      const statuses: Record<number, number> = {};
      for (const c of fc.sample(callsFor(e, world), { numRuns: RUNS, seed: SEED + e.name.length })) {
        const before = await snapshots.take();
        const { status, text } = await send(e, c);
        await localRunner().idle();
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 500) problems.push(`${show(c)} → ${status} ${text.slice(0, 200)}`);
        if (status >= 400) {
          let code: unknown;
          try {
            code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          } catch {
            code = undefined;
          }
          if (typeof code !== "string")
            problems.push(`${show(c)} → ${status} without the error envelope: ${text.slice(0, 200)}`);
          const changed = snapshots.changed(before, await snapshots.take());
          if (changed.length > 0) problems.push(`${show(c)} → ${status} but changed ${changed.join(", ")}`);
        }
      }
      if (process.env.RELIABILITY_VERBOSE) console.log(`${e.name}: ${JSON.stringify(statuses)}`);
      expect(problems).toEqual([]);
    });

    it("GET /api/health reads nothing from the request and answers 200 while the database is up", async () => {
      // (Its 503 with the database down is proven by test/reliability/db-outage.test.ts.)
      const res = await health.GET();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", db: "ok" });
    });
  },
);
