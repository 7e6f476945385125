import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/server/db";
import { scopedDb } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { assertCanWrite } from "@/server/auth/scope";
import { restRoute } from "@/server/http/rest-route";
import { revokeApiToken } from "@/server/services/api-tokens";
import { platformScope } from "@/server/auth/scope";
import { resetEnvCache } from "@/server/env";
import { resetDb } from "../helpers/db";
import { platformToken, tenantWithToken } from "../helpers/tenants";

// A route shaped like the real ones: params parsed, one scoped read, errors through the envelope.
const getTask = restRoute(
  { params: z.object({ id: z.coerce.number().int().positive() }) },
  async ({ scope, params }) => {
    const task = await scopedDb(scope).scheduledTask.findFirst({ where: { id: params.id } });
    if (!task) throw new AppError("TASK_NOT_FOUND");
    return task;
  },
);

const renameTask = restRoute(
  {
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: z.object({
      task_name: z.string().min(1).max(100),
      retry_count: z.number().int().min(0).max(10).optional(),
    }),
  },
  async ({ scope, params, body }) => {
    assertCanWrite(scope);
    const { count } = await scopedDb(scope).scheduledTask.updateMany({
      where: { id: params.id },
      data: { taskName: body.task_name },
    });
    if (count === 0) throw new AppError("TASK_NOT_FOUND");
    return { success: true };
  },
);

const crash = restRoute({}, async () => {
  throw new Error("db password is hunter2 at /srv/app/server.ts:12");
});

function call(
  handler: ReturnType<typeof restRoute>,
  opts: {
    id?: number | string;
    token?: string;
    body?: string;
    method?: string;
    headers?: Record<string, string>;
  },
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`http://localhost/api/scheduled-tasks/${opts.id ?? 1}`, {
    method: opts.method ?? (opts.body ? "PUT" : "GET"),
    headers,
    body: opts.body,
  });
  return handler(req, { params: Promise.resolve({ id: String(opts.id ?? 1) }) });
}

async function taskOf(tenantId: string) {
  return db.scheduledTask.create({
    data: { tenantId, taskName: `task of ${tenantId}`, timePoints: ["08:00"], scriptContent: "result = 1" },
  });
}

describe("REST helper", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeEach(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
    await tenantWithToken("tenant-b");
  });

  it("lets a tenant token read its own row", async () => {
    const task = await taskOf("tenant-a");
    const res = await call(getTask, { id: task.id, token: a.token });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: task.id, tenantId: "tenant-a", timePoints: ["08:00"] });
  });

  it("answers 404 to tenant A for tenant B's row, exactly as for a missing one, and changes nothing", async () => {
    const task = await taskOf("tenant-b");
    const other = await call(getTask, { id: task.id, token: a.token });
    const missing = await call(getTask, { id: 999_999, token: a.token });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());

    const write = await call(renameTask, {
      id: task.id,
      token: a.token,
      body: JSON.stringify({ task_name: "hijacked" }),
    });
    expect(write.status).toBe(404);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).taskName).toBe(
      "task of tenant-b",
    );
  });

  it("lets a platform token see every tenant's rows", async () => {
    const task = await taskOf("tenant-b");
    const res = await call(getTask, { id: task.id, token: await platformToken() });
    expect(res.status).toBe(200);
  });

  it("accepts PLATFORM_API_TOKEN from the environment", async () => {
    const task = await taskOf("tenant-b");
    process.env.PLATFORM_API_TOKEN = "bootstrap-token-for-tests-0123456789";
    resetEnvCache();
    try {
      expect(
        (await call(getTask, { id: task.id, token: "bootstrap-token-for-tests-0123456789" })).status,
      ).toBe(200);
      expect(
        (await call(getTask, { id: task.id, token: "bootstrap-token-for-tests-0123456788" })).status,
      ).toBe(401);
    } finally {
      delete process.env.PLATFORM_API_TOKEN;
      resetEnvCache();
    }
  });

  it("answers 400 naming the bad field, and changes nothing", async () => {
    const task = await taskOf("tenant-a");
    const res = await call(renameTask, {
      id: task.id,
      token: a.token,
      body: JSON.stringify({ task_name: "", retry_count: 99 }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "retry_count",
      "task_name",
    ]);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).taskName).toBe(
      "task of tenant-a",
    );
  });

  it("answers 400 for a bad path parameter and for a body that is not JSON", async () => {
    const badId = await call(getTask, { id: "abc", token: a.token });
    expect(badId.status).toBe(400);
    expect((await badId.json()).error.details[0].path).toBe("id");
    const badJson = await call(renameTask, { id: 1, token: a.token, body: "{task_name:" });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.message).toMatch(/JSON/);
  });

  it("answers 413 for a body over 1 MB", async () => {
    const res = await call(renameTask, {
      id: 1,
      token: a.token,
      body: JSON.stringify({ task_name: "x".repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
  });

  it("answers 401 for a missing, unknown or revoked token", async () => {
    const task = await taskOf("tenant-a");
    expect((await call(getTask, { id: task.id })).status).toBe(401);
    expect((await call(getTask, { id: task.id, token: "stp_not-a-real-token" })).status).toBe(401);
    const missingScheme = await call(getTask, { id: task.id, headers: { authorization: a.token } });
    expect(missingScheme.status).toBe(401);

    const tokenRow = await db.apiToken.findFirstOrThrow({ where: { tenantId: "tenant-a" } });
    await revokeApiToken({ scope: platformScope(), id: tokenRow.id });
    const revoked = await call(getTask, { id: task.id, token: a.token });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("UNAUTHORIZED");
  });

  it("answers 403 when a viewer tries to change a row", async () => {
    const viewer = await tenantWithToken("tenant-a", "viewer");
    const task = await taskOf("tenant-a");
    expect((await call(getTask, { id: task.id, token: viewer.token })).status).toBe(200);
    const res = await call(renameTask, {
      id: task.id,
      token: viewer.token,
      body: JSON.stringify({ task_name: "renamed" }),
    });
    expect(res.status).toBe(403);
    expect((await db.scheduledTask.findUniqueOrThrow({ where: { id: task.id } })).taskName).toBe(
      "task of tenant-a",
    );
  });

  it("turns an unexpected error into a bare 500 that leaks nothing", async () => {
    const res = await call(crash, { token: a.token });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL", reason: "INTERNAL", message: "Internal server error" },
    });
    expect(text).not.toMatch(/hunter2|server\.ts/);
  });
});
