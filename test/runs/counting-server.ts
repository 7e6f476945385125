import { createServer } from "node:http";

export type Hit = { path: string; body: string };

/** A local HTTP endpoint that records every request (webhook tasks and scripts call it). */
export async function startCountingServer() {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += String(c)));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", body });
      res.setHeader("content-type", "text/plain");
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
