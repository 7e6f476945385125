import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { platformScope } from "@/server/auth/scope";
import { createUser } from "@/server/services/users";
import { resetDb } from "../helpers/db";
import { tenantWithToken } from "../helpers/tenants";

// The console sends a list's sort from the URL (`key.asc`, `updated.desc`) through tRPC. Each
// admin list must answer it sorted, not 400: a router that parsed its already-parsed input again
// refused every sorted request.
describe("admin lists sorted through tRPC", () => {
  beforeEach(async () => {
    await resetDb();
    await tenantWithToken("tenant-a");
    await createUser({
      scope: platformScope(),
      input: { email: "a@a.test", role: "tenant_admin", tenant_id: "tenant-a" },
    });
  });

  async function caller() {
    const user = await db.user.findUniqueOrThrow({ where: { email: "a@a.test" } });
    return createCaller(createContext({ user: { id: user.id, email: "a@a.test" } }));
  }

  it("tenant configs sort by key and by update time, both ways", async () => {
    const a = await caller();
    for (const key of ["b_key", "a_key", "c_key"]) {
      await a.tenantConfigs.set({ app_code: "ops", config_key: key, config_value: key });
    }
    await a.tenantConfigs.set({ app_code: "ops", config_key: "a_key", config_value: "changed" });
    const keys = async (sort: string) =>
      (await a.tenantConfigs.list({ sort, page: 1, page_size: 20 })).items.map((c) => c.config_key);
    expect(await keys("key.asc")).toEqual(["a_key", "b_key", "c_key"]);
    expect(await keys("key.desc")).toEqual(["c_key", "b_key", "a_key"]);
    expect((await keys("updated.desc"))[0]).toBe("a_key");
    expect(await keys("updated.asc")).toHaveLength(3);
    expect((await a.tenantConfigs.list()).items).toHaveLength(3);
  });

  it("script vars sort by key and by update time", async () => {
    const a = await caller();
    const task = await a.tasks.create({
      task_name: "变量任务",
      schedule_type: "simple",
      time_points: ["08:00"],
      script_content: "result = null",
    });
    for (const key of ["m", "z", "a"]) await a.scriptVars.set({ task_id: task.id, key, value: 1 });
    const keys = async (sort: string) =>
      (await a.scriptVars.list({ task_id: task.id, sort, page: 1, page_size: 20 })).items.map((v) => v.key);
    expect(await keys("key.asc")).toEqual(["a", "m", "z"]);
    expect(await keys("key.desc")).toEqual(["z", "m", "a"]);
    expect(await keys("updated.desc")).toHaveLength(3);
  });
});
