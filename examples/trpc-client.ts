/**
 * A typed tRPC client of the platform, driven by an API token (no console session):
 *
 *   PLATFORM_URL=http://localhost:3000 PLATFORM_TOKEN=stp_… npx tsx examples/trpc-client.ts [task id]
 *
 * Lists the token's tasks, then runs one (the given id, or the first) and prints the run's log id.
 * `Authorization: Bearer` on /api/trpc resolves the token's scope exactly as REST does: a tenant
 * token sees its tenant, a platform token every tenant; viewers may read but not run.
 * The types come from the server's router (`import type`): a changed procedure fails to compile here.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/root";

export function platformClient(baseUrl: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: new URL("/api/trpc", baseUrl).toString(),
        transformer: superjson,
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
}

/** Lists the tasks, runs one; answers what it did (the example's output). */
export async function listAndRun(client: ReturnType<typeof platformClient>, taskId?: number) {
  const tasks = await client.tasks.list.query({ page: 1, page_size: 20 });
  const id = taskId ?? tasks.items[0]?.id;
  if (id === undefined) return { tasks: tasks.items, run: null };
  const run = await client.tasks.run.mutate({ id });
  return { tasks: tasks.items, run };
}

async function main() {
  const url = process.env.PLATFORM_URL ?? "http://localhost:3000";
  const token = process.env.PLATFORM_TOKEN;
  if (!token) throw new Error("Set PLATFORM_TOKEN to an API token (console: 令牌 API tokens)");
  const taskId = process.argv[2] ? Number(process.argv[2]) : undefined;
  try {
    const { tasks, run } = await listAndRun(platformClient(url, token), taskId);
    for (const t of tasks) console.log(`#${t.id}\t${t.task_name}\t${t.is_enabled ? "enabled" : "disabled"}`);
    console.log(run ? `started run: log #${run.log_id}, trace ${run.trace_id}` : "no task to run");
  } catch (err) {
    if (err instanceof TRPCClientError) console.error(`${err.data?.code ?? "ERROR"}: ${err.message}`);
    else throw err;
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
