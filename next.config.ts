import type { NextConfig } from "next";
import { parseEnv } from "./server/env";

// Validate the environment at build and start, so a bad variable fails loudly and early.
parseEnv(process.env);

// Security headers on every answer. The CSP keeps scripts, styles, fonts, images and fetches to
// this origin; Next's App Router inlines its bootstrap scripts and React/CodeMirror inject styles,
// so both allow 'unsafe-inline' (a nonce-based script-src: see SECURITY.md, HTTP headers). `next dev`
// also needs 'unsafe-eval' for its fast refresh. Nothing may frame the console (clickjacking).
const dev = process.env.NODE_ENV === "development";
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CSP },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  // Native and driver packages run from node_modules, not bundled.
  serverExternalPackages: ["isolated-vm", "mariadb", "@prisma/adapter-mariadb", "mysql2", "pino", "bcryptjs"],
  poweredByHeader: false,
  // Separate build folders let several checkouts' tests build side by side (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
