import "dotenv/config";
import { defineConfig } from "prisma/config";

// The URL is only read by CLI commands that talk to a database; generate does not need it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/scheduled_tasks" },
});
