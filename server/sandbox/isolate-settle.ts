import type ivm from "isolated-vm";

/** How long a disposed isolate's run may take to report it before the host stops waiting. */
const GIVE_UP_MS = 1000;

/**
 * `work` (a script run or call in `isolate`), which rejects at the latest GIVE_UP_MS after the
 * isolate is disposed. isolated-vm sometimes never settles a run whose isolate was disposed while
 * it waited in a host call (seen with timeouts and memory refusals: the run stayed pending with
 * the isolate idle), which would keep the run, its slots and its caller waiting forever.
 */
export function settleOrDisposed<T>(isolate: ivm.Isolate, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const disposed = new Promise<never>((_resolve, reject) => {
    let disposedAt: number | null = null;
    const check = () => {
      if (isolate.isDisposed) disposedAt ??= performance.now();
      if (disposedAt !== null && performance.now() - disposedAt >= GIVE_UP_MS) {
        reject(new Error("Isolate was disposed during execution"));
        return;
      }
      timer = setTimeout(check, 100);
    };
    timer = setTimeout(check, 100);
  });
  return Promise.race([work, disposed]).finally(() => clearTimeout(timer));
}
