import type { NextConfig } from "next";
import { parseEnv } from "./server/env";

// Validate the environment at build and start, so a bad variable fails loudly and early.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // Native and driver packages run from node_modules, not bundled.
  serverExternalPackages: ["isolated-vm", "mariadb", "@prisma/adapter-mariadb", "mysql2", "pino", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
