import type { PrismaClient } from "@/generated/prisma/client";

// Watches the run flow from inside the process without touching its code: a Prisma query
// extension on the shared client records when each log row is claimed (created running), started
// (startRun's conditional update that sets started_at) and finished (finishRun's update), in ms,
// and how many queries of each kind ran and how long they took (where the time goes).

export type RunEvents = {
  claimed: Map<string, number>;
  started: Map<string, number[]>;
  finished: Map<string, number>;
  queries: Map<string, { count: number; ms: number }>;
  recording: boolean;
};

type Args = { where?: { id?: unknown }; data?: Record<string, unknown> };

function note(
  events: RunEvents,
  model: string,
  operation: string,
  args: Args,
  result: unknown,
  now: number,
): void {
  if (model !== "TaskLog") return;
  const data = args.data;
  if (operation === "create" && data?.status === "running" && data.trigger === "schedule") {
    events.claimed.set(String((result as { id: bigint }).id), now);
  } else if (
    operation === "updateMany" &&
    data?.startedAt instanceof Date &&
    data.status === undefined &&
    typeof args.where?.id === "bigint"
  ) {
    if ((result as { count: number }).count === 0) return;
    const id = String(args.where.id);
    const list = events.started.get(id) ?? [];
    list.push(data.startedAt.getTime());
    events.started.set(id, list);
  } else if (
    operation === "update" &&
    (data?.status === "success" || data?.status === "failed") &&
    args.where?.id !== undefined
  ) {
    events.finished.set(String(args.where.id), now);
  }
}

export function observedClient(base: PrismaClient, events: RunEvents): PrismaClient {
  return base.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const t = performance.now();
          const result = await query(args);
          if (events.recording) {
            const key = `${model}.${operation}`;
            const q = events.queries.get(key) ?? { count: 0, ms: 0 };
            q.count++;
            q.ms += performance.now() - t;
            events.queries.set(key, q);
          }
          note(events, model, operation, args as Args, result, Date.now());
          return result;
        },
      },
    },
  }) as unknown as PrismaClient;
}

export function newEvents(): RunEvents {
  return {
    claimed: new Map(),
    started: new Map(),
    finished: new Map(),
    queries: new Map(),
    recording: false,
  };
}
