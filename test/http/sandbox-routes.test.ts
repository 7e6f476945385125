import { beforeEach, describe, expect, it } from "vitest";
import * as testScriptRoute from "@/app/api/scheduled-tasks/test-script/route";
import * as sdkDocsRoute from "@/app/api/scheduled-tasks/sdk-docs/route";
import { db } from "@/server/db";
import { resetDb } from "../helpers/db";
import { callRoute } from "../helpers/rest";
import { tenantWithToken } from "../helpers/tenants";

describe("POST /api/scheduled-tasks/test-script and GET sdk-docs", () => {
  let a: Awaited<ReturnType<typeof tenantWithToken>>;

  beforeEach(async () => {
    await resetDb();
    a = await tenantWithToken("tenant-a");
  });

  it("runs the script for real, delivers nothing and previews each robot's payload", async () => {
    const res = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: {
        script_content:
          "log('租户', tenant_id, get_param('x'))\nresult = { msg_type: 'actionCard', title: '卡片', content: '正文', buttons: [{ title: '查看', url: 'https://example.com' }] }",
        input_params: { x: 42 },
        script_language: "javascript",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      error: null,
      result: { msg_type: "actionCard", title: "卡片" },
    });
    expect(res.body.output).toContain("租户 tenant-a 42");
    expect(res.body.messages.dingtalk_bot[0]).toMatchObject({ msgtype: "actionCard" });
    expect(res.body.messages.wecom_bot[0]).toMatchObject({ msgtype: "template_card" });
    expect(await db.taskLog.count()).toBe(0);
  });

  it("answers 200 with success false and the line of a script that throws", async () => {
    const res = await callRoute(testScriptRoute.POST, {
      token: a.token,
      body: { script_content: "const a = 1\nthrow new Error('坏了')", script_language: "javascript" },
    });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toMatch(/坏了/);
    expect(res.body.error).toMatch(/2/);
  });

  it("answers 400 naming script_content when it is missing, and 401 without a token", async () => {
    const res = await callRoute(testScriptRoute.POST, { token: a.token, body: { input_params: {} } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("script_content");
    expect((await callRoute(testScriptRoute.POST, { body: { script_content: "1" } })).status).toBe(401);
  });

  it("serves the SDK docs as JSON and as markdown", async () => {
    const json = await callRoute(sdkDocsRoute.GET, { token: a.token });
    expect(json.status).toBe(200);
    const names = json.body.functions.map((f: { name: string }) => f.name);
    for (const fn of [
      "log",
      "ai",
      "dingtalk",
      "wecom",
      "http_get",
      "http_post",
      "db_query",
      "get_var",
      "set_var",
      "del_var",
      "get_param",
      "get_params",
      "get_tenants",
      "get_tenant_config",
      "get_all_tenant_configs",
      "get_secret",
    ]) {
      expect(names).toContain(fn);
    }
    const req = new Request("http://localhost/api/scheduled-tasks/sdk-docs?format=markdown", {
      headers: { authorization: `Bearer ${a.token}` },
    });
    const md = await sdkDocsRoute.GET(req, { params: Promise.resolve({}) });
    expect(md.headers.get("content-type")).toMatch(/markdown/);
    expect(await md.text()).toMatch(/get_secret/);
  });
});
