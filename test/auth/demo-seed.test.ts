import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { seedDemo } from "@/server/services/demo-seed";
import { verifyPassword } from "@/server/auth/password";
import { resetDb } from "../helpers/db";

describe("the demo seed of npm start", () => {
  beforeEach(resetDb);

  it("creates the first admin, the demo tenant and a scheduled demo task, once", async () => {
    const first = await seedDemo({ adminEmail: "Boss@Example.com" });
    expect(first.admin).toMatchObject({ email: "boss@example.com", generated: true });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "boss@example.com" },
      include: { memberships: true },
    });
    expect(await verifyPassword(first.admin!.password, user.passwordHash)).toBe(true);
    expect(user.memberships).toMatchObject([{ tenantId: "", role: "platform_admin" }]);

    const task = await db.scheduledTask.findFirstOrThrow({ where: { tenantId: "demo" } });
    expect(task).toMatchObject({
      taskName: "销售日报",
      workdayFilter: "workday",
      isEnabled: true,
      notifyChannels: [],
    });
    // Next 09:00 in Shanghai is 01:00 UTC on a working day.
    expect(task.nextRunAt).not.toBeNull();
    expect(task.nextRunAt!.getUTCHours()).toBe(1);

    const again = await seedDemo({ adminEmail: "boss@example.com" });
    expect(again).toMatchObject({ admin: null, taskCreated: false });
    expect(await db.scheduledTask.count()).toBe(1);
    expect(await db.user.count()).toBe(1);
  });
});
