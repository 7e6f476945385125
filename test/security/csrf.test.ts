import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import * as tasks from "@/app/api/scheduled-tasks/route";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { platformScope } from "@/server/auth/scope";
import { createUser } from "@/server/services/users";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

// Issue 11 item 8: REST accepted the session cookie on a text/plain form POST from a same-site
// page and created a task. Cookie-authenticated mutations now need JSON from this very origin.
// The route handlers are Next's own: real Requests in, real Responses out.

const ORIGIN = new URL(env.APP_URL).origin;
const TASK = {
  task_name: "csrf",
  schedule_type: "simple",
  time_points: ["08:00"],
  execution_type: "script",
  script_content: "result = 1",
};

let cookie: string;
let bearer: string;

beforeEach(async () => {
  await resetDb();
  bearer = (await tenantWithToken("csrfco")).token;
  await createUser({
    scope: platformScope(),
    input: { email: "admin@csrfco.test", role: "tenant_admin", tenant_id: "csrfco" },
  });
  const user = await db.user.findUniqueOrThrow({ where: { email: "admin@csrfco.test" } });
  const jwt = await encode({
    token: { uid: user.id, email: user.email, sub: String(user.id) },
    secret: env.APP_SECRET,
  });
  cookie = `next-auth.session-token=${jwt}; active_tenant=csrfco`;
});

function restPost(headers: Record<string, string>, body: string = JSON.stringify(TASK)) {
  return tasks.POST(new Request(`${ORIGIN}/api/scheduled-tasks`, { method: "POST", headers, body }), {
    params: Promise.resolve({}),
  });
}

const formBodies: [string, string, string][] = [
  ["text/plain", "text/plain", JSON.stringify(TASK)],
  ["text/plain;charset=UTF-8", "text/plain;charset=UTF-8", JSON.stringify(TASK)],
  [
    "urlencoded",
    "application/x-www-form-urlencoded",
    new URLSearchParams({ [JSON.stringify(TASK)]: "" }).toString(),
  ],
  [
    "multipart",
    "multipart/form-data; boundary=x",
    `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${JSON.stringify(TASK)}\r\n--x--`,
  ],
  ["application/json-ish", "application/jsonp", JSON.stringify(TASK)],
];

describe("cookie-authenticated REST mutations", () => {
  it("a same-origin JSON POST with the session cookie works (the control)", async () => {
    const res = await restPost({ cookie, "content-type": "application/json", origin: ORIGIN });
    expect(res.status).toBe(201);
    const viaFetchMetadata = await restPost({
      cookie,
      "content-type": "application/json; charset=utf-8",
      "sec-fetch-site": "same-origin",
    });
    expect(viaFetchMetadata.status).toBe(201);
  });

  it.each(formBodies)(
    "a %s body is refused (403) even from this origin; nothing created",
    async (_, type, body) => {
      const res = await restPost({ cookie, "content-type": type, origin: ORIGIN }, body);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("CSRF");
      expect(await db.scheduledTask.count()).toBe(0);
    },
  );

  it("a body without Content-Type is refused", async () => {
    const res = await tasks.POST(
      new Request(`${ORIGIN}/api/scheduled-tasks`, {
        method: "POST",
        headers: { cookie, origin: ORIGIN },
        body: new Blob([JSON.stringify(TASK)]),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(403);
    expect(await db.scheduledTask.count()).toBe(0);
  });

  it.each([
    ["cross-site", { origin: "https://evil.example" }],
    ["null (sandboxed frame, data: URL)", { origin: "null" }],
    ["a same-site sibling subdomain", { origin: ORIGIN.replace("://", "://evil.") }],
    [
      "another port of the same host",
      { origin: `${new URL(ORIGIN).protocol}//${new URL(ORIGIN).hostname}:1` },
    ],
    ["the same host over the other scheme", { origin: ORIGIN.replace(/^http:/, "https:") }],
    ["missing, with Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["missing, with Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["missing altogether", {}],
  ])("JSON with Origin %s is refused; nothing created", async (_, extra) => {
    const res = await restPost({ cookie, "content-type": "application/json", ...extra });
    expect(res.status).toBe(403);
    expect(await db.scheduledTask.count()).toBe(0);
  });

  it("Bearer calls are unaffected (no Origin needed)", async () => {
    const res = await restPost({ authorization: `Bearer ${bearer}`, "content-type": "application/json" });
    expect(res.status).toBe(201);
  });

  it("reads (GET) with the cookie are not affected", async () => {
    const res = await tasks.GET(new Request(`${ORIGIN}/api/scheduled-tasks`, { headers: { cookie } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
  });
});

describe("cookie-authenticated tRPC mutations", () => {
  const call = (headers: Record<string, string>) =>
    trpcRoute.POST(
      new Request(`${ORIGIN}/api/trpc/tasks.create`, {
        method: "POST",
        headers: { cookie, ...headers },
        body: JSON.stringify({ json: TASK }),
      }),
    );

  it("same-origin JSON works; text/plain, cross-site and null origins are refused", async () => {
    expect((await call({ "content-type": "application/json", origin: ORIGIN })).status).toBe(200);
    expect(await db.scheduledTask.count()).toBe(1);
    const refused: Record<string, string>[] = [
      { "content-type": "text/plain", origin: ORIGIN },
      { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      { "content-type": "application/json", origin: "https://evil.example" },
      { "content-type": "application/json", origin: "null" },
      { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      expect((await call(headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect(await db.scheduledTask.count()).toBe(1);
  });
});
