import type { NextConfig } from "next";
import { parseEnv } from "./server/env";

// Validate the environment at build and start, so a bad variable fails loudly and early.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // Native and driver packages run from node_modules, not bundled.
  serverExternalPackages: ["isolated-vm", "mariadb", "@prisma/adapter-mariadb", "mysql2", "pino", "bcryptjs"],
  poweredByHeader: false,
  // Separate build folders let several checkouts' tests build side by side (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
