import { resetEnvCache } from "@/server/env";

/** The fakes live on 127.0.0.1: let outbound requests (SSRF-guarded) reach them in this file. */
export function allowLoopback(): void {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1,localhost";
  resetEnvCache();
}
