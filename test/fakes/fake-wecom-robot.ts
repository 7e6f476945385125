import {
  FailureQueue,
  SlidingWindow,
  isObject,
  startFakeServer,
  type ForcedFailure,
  type ReceivedRequest,
  type Reply,
} from "./fake-server";
import { checkWecomMessage, wecomErrmsg } from "./wecom-validate";

// Strict fake of the WeCom group robot webhook (robot-apis.md §2): key, msgtypes (exact case),
// byte limits, template_card rules, 20 messages per minute per robot (45009).

export type FakeWecomRobotOptions = {
  keys?: string[];
  /** Unknown keys are accepted as robots (demo mode). */
  acceptAnyKey?: boolean;
  rateLimit?: { max?: number; windowMs?: number; lockMs?: number };
  port?: number;
};

const answer = (errcode: number, text = "ok"): Reply => ({
  body: { errcode, errmsg: wecomErrmsg(errcode, text) },
});

export type FakeWecomRobot = Awaited<ReturnType<typeof startFakeWecomRobot>>;

export async function startFakeWecomRobot(opts: FakeWecomRobotOptions = {}) {
  const keys = new Set(opts.keys ?? ["693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"]);
  const firstKey = [...keys][0] ?? "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
  const limit = new SlidingWindow(
    opts.rateLimit?.max ?? 20,
    opts.rateLimit?.windowMs ?? 60_000,
    opts.rateLimit?.lockMs ?? 0,
  );
  const failures = new FailureQueue();

  const running = await startFakeServer(
    (req, raw, url) => {
      if (url.pathname !== "/cgi-bin/webhook/send")
        return { status: 404, body: { errcode: 404, errmsg: "not found" } };
      if (req.method !== "POST") return answer(43001, "require POST method");
      const key = url.searchParams.get("key");
      if (!key || (!keys.has(key) && !opts.acceptAnyKey)) return answer(93000, "invalid webhook url");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(47001, "data format error");
      }
      if (!isObject(body)) return answer(47001, "data format error");
      if (!limit.hit(key)) return answer(45009, "api freq out of limit");
      const problem = checkWecomMessage(body, "robot");
      return problem ? answer(problem[0], problem[1]) : answer(0);
    },
    failures,
    opts.port,
  );

  return {
    url: running.url,
    received: running.received,
    accepted: (): ReceivedRequest[] => running.received.filter((r) => r.errcode === 0 && r.status === 200),
    webhookUrl: (key: string = firstKey) =>
      `${running.url}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    addKey: (key: string) => void keys.add(key),
    failNext: (n: number, failure?: ForcedFailure, skip = 0) => failures.failNext(n, failure, skip),
    reset: () => {
      running.received.length = 0;
      limit.reset();
      failures.clear();
    },
    close: running.close,
  };
}
