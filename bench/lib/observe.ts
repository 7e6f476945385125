import type { PrismaClient } from "@/generated/prisma/client";

// Watches the run flow from inside the process without touching its code: a Prisma query
// extension on the shared client records when each log row is claimed (created running), started
// (startRun's conditional update that sets started_at) and finished (finishRun's update), in ms.

export type RunEvents = {
  claimed: Map<string, number>;
  started: Map<string, number[]>;
  finished: Map<string, number>;
};

type Args = { where?: { id?: unknown }; data?: Record<string, unknown> };

export function observedClient(base: PrismaClient, events: RunEvents): PrismaClient {
  return base.$extends({
    query: {
      taskLog: {
        async create({ args, query }) {
          const row = (await query(args)) as { id: bigint };
          const data = (args as Args).data;
          if (data?.status === "running" && data.trigger === "schedule") events.claimed.set(String(row.id), Date.now());
          return row;
        },
        async updateMany({ args, query }) {
          const res = (await query(args)) as { count: number };
          const a = args as Args;
          if (a.data?.startedAt instanceof Date && res.count > 0 && typeof a.where?.id === "bigint" && a.data.status === undefined) {
            const id = String(a.where.id);
            const list = events.started.get(id) ?? [];
            list.push((a.data.startedAt as Date).getTime());
            events.started.set(id, list);
          }
          return res;
        },
        async update({ args, query }) {
          const res = await query(args);
          const a = args as Args;
          if ((a.data?.status === "success" || a.data?.status === "failed") && a.where?.id !== undefined) events.finished.set(String(a.where.id), Date.now());
          return res;
        },
      },
    },
  }) as unknown as PrismaClient;
}

export function newEvents(): RunEvents {
  return { claimed: new Map(), started: new Map(), finished: new Map() };
}
