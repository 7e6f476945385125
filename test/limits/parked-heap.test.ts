import { describe, expect, it } from "vitest";
import { isRefusal, type Parking } from "@/server/limits";
import { ParkedHeap } from "@/server/limits/parked-heap";

const MB = 1024 * 1024;

function heap(overPressure = false) {
  return new ParkedHeap({
    perKeyBytes: () => 100 * MB,
    totalBytes: () => 150 * MB,
    overPressure: () => overPressure,
    smallBytes: 16 * MB,
  });
}

describe("ParkedHeap (memory of runs waiting in host calls)", () => {
  it("admits a tenant's parks up to its budget, refuses the one past it, and takes bytes back on release", () => {
    const h = heap();
    const a = h.park("t1", 60 * MB) as Parking;
    expect(isRefusal(a)).toBe(false);
    expect(h.park("t1", 50 * MB)).toMatchObject({ budget: "tenant", bytes: 50 * MB, limitBytes: 100 * MB });
    a.release();
    a.release(); // idempotent
    expect(h.bytesParkedBy("t1")).toBe(0);
    expect(isRefusal(h.park("t1", 50 * MB))).toBe(false);
  });

  it("refuses big parks past the total, but never a small one: other tenants cannot get a tenant's ordinary runs ended", () => {
    const h = heap();
    h.park("a", 90 * MB);
    expect(h.park("b", 70 * MB)).toMatchObject({ budget: "total" });
    for (let i = 0; i < 10; i++) expect(isRefusal(h.park("c", 5 * MB))).toBe(false);
    expect(h.bytesParked).toBe(140 * MB);
  });

  it("under memory pressure refuses big parks only", () => {
    const h = heap(true);
    expect(h.park("a", 20 * MB)).toMatchObject({ budget: "pressure" });
    expect(isRefusal(h.park("a", 8 * MB))).toBe(false);
  });
});
