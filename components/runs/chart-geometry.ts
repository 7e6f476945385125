// Bar geometry of the runs chart (pure, tested): one bar per run, height by duration.

export type StatPoint = {
  id: number;
  status: string | null;
  duration_ms: number;
  started_at: Date | string | null;
};

export type Bar = {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  ok: boolean;
  duration_ms: number;
};

/** At least `minSlots` slots, so a handful of runs are slim bars rather than one wide block. */
export function chartBars(
  points: StatPoint[],
  width: number,
  height: number,
  gap = 2,
  minSlots = 30,
): { bars: Bar[]; max: number } {
  const max = Math.max(1, ...points.map((p) => p.duration_ms));
  const n = Math.max(points.length, minSlots, 1);
  const slot = width / n;
  const barWidth = Math.max(1, slot - gap);
  const bars = points.map((p, i) => {
    // A failed run with no duration still gets a visible stub.
    const h = Math.max(2, (p.duration_ms / max) * height);
    return {
      id: p.id,
      x: i * slot + gap / 2,
      y: height - h,
      width: barWidth,
      height: h,
      ok: p.status === "success",
      duration_ms: p.duration_ms,
    };
  });
  return { bars, max };
}

export function successRate(points: StatPoint[]): number {
  if (points.length === 0) return 0;
  return Math.round((points.filter((p) => p.status === "success").length / points.length) * 100);
}

export function averageDuration(points: StatPoint[]): number {
  if (points.length === 0) return 0;
  return points.reduce((s, p) => s + p.duration_ms, 0) / points.length;
}
