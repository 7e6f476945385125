/**
 * Memory held by runs parked in host calls. A run waiting on HTTP, AI, SQL or sleep gives back its
 * CPU slot but keeps its isolate, so without this a tenant could hold (runs in flight) ×
 * memoryLimit: allocate 120 MB, then http_get a slow server, a hundred times over. Each park
 * reserves the bytes the run's script has allocated (measured while the isolate is idle); a park
 * that would take its tenant, or the process, over its budget is refused, and the caller ends the
 * run (which frees the isolate). Waiting would not help: a waiting run still holds its heap.
 */

export type ParkedHeapOptions = {
  /** Bytes one key (tenant) may hold parked at once. */
  perKeyBytes: () => number;
  /** Bytes all keys together may hold parked at once. */
  totalBytes: () => number;
  /** True while the process is over its memory budget (RSS): only small parks are admitted. */
  overPressure?: () => boolean;
  /**
   * Parks smaller than this are checked against their key's budget only, never refused by the
   * total or by pressure: other tenants' big parks cannot get a tenant's ordinary runs killed.
   */
  smallBytes: number;
};

export type ParkRefusal = {
  /** Which budget refused the park. */
  budget: "tenant" | "total" | "pressure";
  /** Bytes the run asked to park. */
  bytes: number;
  /** The budget that would be exceeded, in bytes (for pressure: the RSS budget is over). */
  limitBytes: number;
};

/** A park granted: release() when the run resumes (idempotent). */
export type Parking = { readonly bytes: number; release(): void };

export class ParkedHeap {
  private readonly byKey = new Map<string, number>();
  private total = 0;

  constructor(private readonly opts: ParkedHeapOptions) {}

  get bytesParked(): number {
    return this.total;
  }

  bytesParkedBy(key: string): number {
    return this.byKey.get(key) ?? 0;
  }

  /** Reserves `bytes` for `key`, or says which budget refuses them. A 0-byte park always fits. */
  park(key: string, bytes: number): Parking | ParkRefusal {
    const n = Math.max(0, Math.floor(bytes));
    if (n > 0) {
      const perKey = this.opts.perKeyBytes();
      if (this.bytesParkedBy(key) + n > perKey) return { budget: "tenant", bytes: n, limitBytes: perKey };
      if (n >= this.opts.smallBytes) {
        const total = this.opts.totalBytes();
        if (this.total + n > total) return { budget: "total", bytes: n, limitBytes: total };
        if (this.opts.overPressure?.()) return { budget: "pressure", bytes: n, limitBytes: 0 };
      }
    }
    this.byKey.set(key, this.bytesParkedBy(key) + n);
    this.total += n;
    let released = false;
    return {
      bytes: n,
      release: () => {
        if (released) return;
        released = true;
        const left = this.bytesParkedBy(key) - n;
        if (left <= 0) this.byKey.delete(key);
        else this.byKey.set(key, left);
        this.total -= n;
      },
    };
  }
}

export function isRefusal(p: Parking | ParkRefusal): p is ParkRefusal {
  return "budget" in p;
}
