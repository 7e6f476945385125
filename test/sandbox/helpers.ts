import http from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/server/env";
import { runScript, type RunScriptInput } from "@/server/sandbox/run-script";

/** Runs a script as a global task unless told otherwise, with a short default time limit. */
export function run(script: string, opts: Partial<RunScriptInput> = {}) {
  return runScript({ script, taskId: null, tenantId: null, timeoutSeconds: 10, ...opts });
}

export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

export type Hit = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A local HTTP server answering with `handler`; records every request. */
export async function localServer(handler: (req: Hit, res: http.ServerResponse) => void) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hit = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      hits.push(hit);
      handler(hit, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
