// npm run db:seed — the demo tenant, the first admin and the demo task (idempotent).
import "../scripts/load-env";
import { disconnectDb } from "@/server/db";
import { env } from "@/server/env";
import { seedDemo } from "@/server/services/demo-seed";

const { admin } = await seedDemo({ adminEmail: env.ADMIN_EMAIL, adminPassword: env.ADMIN_PASSWORD });
if (admin)
  console.log(`First admin: ${admin.email} / ${admin.generated ? admin.password : "(ADMIN_PASSWORD)"}`);
await disconnectDb();
