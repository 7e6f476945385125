import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { db } from "@/server/db";
import { localRunner } from "@/server/runs/local-runner";
import { listAndRun, platformClient } from "@/examples/trpc-client";
import { resetDb } from "../helpers/db";
import { platformToken, tenantWithToken } from "../helpers/tenants";
import { makeTask } from "../runs/run-helpers";

// The example typed client (examples/trpc-client.ts) over real HTTP against the real /api/trpc
// route handler, authenticated by API tokens only.

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(new URL(req.url!, baseUrl), {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await (req.method === "GET" ? GET : POST)(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("tRPC with an API token (the example client)", () => {
  beforeEach(resetDb);

  it("a tenant token lists its own tasks and runs one to the end", async () => {
    const a = await tenantWithToken("acme");
    const b = await tenantWithToken("other");
    const mine = await makeTask(a.scope, {
      task_name: "mine",
      script_language: "javascript",
      script_content: "result = 'ok'",
    });
    await makeTask(b.scope, {
      task_name: "theirs",
      script_language: "javascript",
      script_content: "result = 1",
    });

    const { tasks, run } = await listAndRun(platformClient(baseUrl, a.token));
    expect(tasks.map((t) => t.task_name)).toEqual(["mine"]);
    expect(run).toMatchObject({ log_id: expect.anything(), trace_id: expect.any(String) });
    // The run really happened, under the token's tenant and actor.
    await localRunner().idle();
    const log = await db.taskLog.findUniqueOrThrow({ where: { id: BigInt(run!.log_id) } });
    expect({ status: log.status, error: log.error, tenant: log.tenantId }).toEqual({
      status: "success",
      error: null,
      tenant: "acme",
    });
    expect(await db.auditLog.findFirst({ where: { action: "task.run" } })).toMatchObject({
      tenantId: "acme",
      actorType: "token",
    });
    expect(mine.id).toBe(Number(tasks[0]!.id));
  });

  it("same scope rules as REST: another tenant's task is NOT_FOUND, a viewer may not run, bad tokens get 401", async () => {
    await tenantWithToken("acme");
    const b = await tenantWithToken("other");
    const theirs = await makeTask(b.scope, {
      task_name: "theirs",
      script_language: "javascript",
      script_content: "result = 1",
    });
    const { token: acmeToken } = await tenantWithToken("acme");
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: unknown) => (e instanceof TRPCClientError ? (e.data as { code?: string })?.code : String(e)),
      );
    expect(await code(platformClient(baseUrl, acmeToken).tasks.get.query({ id: theirs.id }))).toBe(
      "NOT_FOUND",
    );
    const viewer = await tenantWithToken("other", "viewer");
    expect(await code(platformClient(baseUrl, viewer.token).tasks.run.mutate({ id: theirs.id }))).toBe(
      "FORBIDDEN",
    );
    for (const bad of ["stp_not-a-token", "", "Basic abc"]) {
      expect(await code(platformClient(baseUrl, bad).tasks.list.query({}))).toBe("UNAUTHORIZED");
    }
    const all = await platformClient(baseUrl, await platformToken("viewer")).tasks.list.query({});
    expect(all.items.map((t) => t.task_name)).toEqual(["theirs"]);
    expect(await db.taskLog.count()).toBe(0);
  });
});
