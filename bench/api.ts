// REST list latency with 10,000 tasks and 1,000,000 log rows: p50/p95 of the task list and of a
// task's logs over real HTTP. The server is a plain node:http server that mounts the very GET
// handlers Next serves (app/api/scheduled-tasks/route.ts and [id]/logs/route.ts), so the figures
// are the route's own (auth, zod, service, Prisma, JSON) without Next's router in front.
// Baseline: a deep page by keyset (`before_id`) against the same depth by offset (`page=N`).
// Run: node --import tsx bench/api.ts [--logs 1000000] [--requests 40]
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { openConnection } from "../server/db/connection";
import { buildApiData } from "./lib/api-data";
import { benchEnv, createScratchDb, dropScratchDb, scratchName } from "./lib/scratch-db";
import { fmt, percentile, table } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    logs: { type: "string", default: "1000000" },
    requests: { type: "string", default: "40" },
  },
});
const TASKS = Number(args.tasks);
const LOGS = Number(args.logs);
const REQUESTS = Number(args.requests);
const TENANTS = 10;
const TOKEN = "bench-platform-token-0123456789abcdef";
/** Every 5th log row belongs to task 1 (a busy task: 200,000 rows); the rest spread over the others. */
const BUSY_EVERY = 5;

const dbName = scratchName("api");
const url = await createScratchDb(dbName, 10);
benchEnv(url);
process.env.PLATFORM_API_TOKEN = TOKEN;
const sql = await openConnection(url);
let server: ReturnType<typeof createServer> | undefined;

try {
  const t0 = performance.now();
  await buildApiData(sql, { tasks: TASKS, logs: LOGS, tenants: TENANTS, busyEvery: BUSY_EVERY });
  const insertS = (performance.now() - t0) / 1000;
  await sql.query("ANALYZE TABLE platform_task_logs, platform_scheduled_tasks");

  const tasksRoute = await import("../app/api/scheduled-tasks/route");
  const logsRoute = await import("../app/api/scheduled-tasks/[id]/logs/route");
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
    });
    const path = new URL(request.url).pathname;
    const logs = /^\/api\/scheduled-tasks\/(\d+)\/logs$/.exec(path);
    const answer =
      path === "/api/scheduled-tasks"
        ? tasksRoute.GET(request)
        : logs
          ? logsRoute.GET(request, { params: Promise.resolve({ id: logs[1]! }) })
          : Promise.resolve(new Response("not found", { status: 404 }));
    void answer.then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  type Page = { items: { id: number }[]; total: number };
  async function get(path: string): Promise<Page> {
    const r = await fetch(base + path, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as Page;
  }
  async function measure(path: string) {
    for (let i = 0; i < 3; i++) await get(path);
    const times: number[] = [];
    let page: Page | undefined;
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      page = await get(path);
      times.push(performance.now() - t);
    }
    return { path, p50: percentile(times, 50), p95: percentile(times, 95), page: page! };
  }

  const busyTotal = Math.floor(LOGS / BUSY_EVERY);
  const deepPage = Math.floor(busyTotal / 20 / 2); // the middle of the busy task's history
  const lastPage = Math.ceil(busyTotal / 20);
  const lastTasksPage = Math.ceil(TASKS / 20);
  const results = [
    await measure("/api/scheduled-tasks?page=1&page_size=20"),
    await measure(`/api/scheduled-tasks?page=${lastTasksPage}&page_size=20`),
    await measure("/api/scheduled-tasks?page=1&page_size=20&tenant_id=bench3&is_enabled=1"),
    await measure("/api/scheduled-tasks?page=1&page_size=20&keyword=task%209999"),
    await measure("/api/scheduled-tasks/2/logs?page=1&page_size=20"),
    await measure("/api/scheduled-tasks/1/logs?page=1&page_size=20"),
    await measure("/api/scheduled-tasks/1/logs?page=1&page_size=20&status=failed"),
    await measure(`/api/scheduled-tasks/1/logs?page=${deepPage}&page_size=20`),
    await measure(`/api/scheduled-tasks/1/logs?page=${lastPage}&page_size=20`),
  ];
  // Keyset at the same depths: before_id = the id just above the offset page's first row.
  const deep = results[7]!;
  const last = results[8]!;
  const keysetDeep = await measure(
    `/api/scheduled-tasks/1/logs?page_size=20&before_id=${deep.page.items[0]!.id + 1}`,
  );
  const keysetLast = await measure(
    `/api/scheduled-tasks/1/logs?page_size=20&before_id=${last.page.items[0]!.id + 1}`,
  );
  const same = (a: Page, b: Page) =>
    a.items.map((i) => i.id).join() === b.items.map((i) => i.id).join() && a.total === b.total;
  const keysetWorks = same(keysetDeep.page, deep.page) && same(keysetLast.page, last.page);
  results.push(keysetDeep, keysetLast);

  console.log(
    `api benchmark: ${TASKS} tasks, ${LOGS} log rows (task 1: ${busyTotal}), inserted in ${fmt(insertS, 1)} s; ${REQUESTS} sequential requests each over HTTP (node:http + the Next route handlers' GET)`,
  );
  console.log(
    table(
      ["request", "p50 ms", "p95 ms", "total"],
      results.map((r) => [r.path, fmt(r.p50, 1), fmt(r.p95, 1), String(r.page.total)]),
    ),
  );
  console.log(
    keysetWorks
      ? `ratio offset / keyset at the same depth: page ${deepPage} ${fmt(deep.p50 / keysetDeep.p50, 2)}x, page ${lastPage} ${fmt(last.p50 / keysetLast.p50, 2)}x (p50); keyset pages equal the offset pages`
      : "keyset (before_id) not supported by this build: it answered something other than the offset page at the same depth",
  );
  console.log(`ratio deep offset page / first page (task 1 logs): ${fmt(last.p50 / results[5]!.p50, 2)}x`);
  console.log(
    `BENCH_JSON ${JSON.stringify({ bench: "api", keysetWorks, results: results.map(({ path, p50, p95 }) => ({ path, p50, p95 })) })}`,
  );
} finally {
  server?.close();
  await sql.end();
  const { disconnectDb } = await import("../server/db");
  await disconnectDb().catch(() => {});
  await dropScratchDb(dbName);
}
