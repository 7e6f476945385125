import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { disconnectDb } from "@/server/db";
import { resetEnvCache } from "@/server/env";

describe("GET /api/health", () => {
  const original = process.env.DATABASE_URL;

  afterEach(async () => {
    process.env.DATABASE_URL = original;
    resetEnvCache();
    await disconnectDb();
  });

  it("answers ok with the database and the scheduler mode", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok", scheduler: "embedded" });
  });

  it("answers 503 with db down when the database is unreachable", async () => {
    await disconnectDb();
    process.env.DATABASE_URL = "mysql://root@127.0.0.1:1/unreachable";
    resetEnvCache();
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", db: "down" });
  });
});
