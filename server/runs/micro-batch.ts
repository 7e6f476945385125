/**
 * Coalesces the same write of concurrent runs into one round of statements: items added while a
 * batch is being written wait for the next batch (no timer: an idle batcher writes at the next
 * turn of the event loop, so a lone run pays no added latency). One batch in flight at a time.
 * A failed batch of several items is retried item by item, so one bad item (or a deadlock with
 * another writer) fails only itself.
 */
export class MicroBatcher<I, O> {
  private pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private busy = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 64,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.busy || this.pending.length === 0) return;
    this.busy = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, this.maxBatch);
    try {
      const out = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else
        for (const b of batch)
          await this.write([b.item]).then(
            (out) => b.resolve(out[0]!),
            (e: unknown) => b.reject(e),
          );
    } finally {
      this.busy = false;
      this.kick();
    }
  }
}
