import ivm from "isolated-vm";
import { logger } from "../../logger";

// The Pyodide memory snapshot in the form isolates restore from without copying it.
//
// A snapshot file is a header (magic, build id, a little JSON) followed by the WebAssembly linear
// memory (~31.5 MB), about half of it zero pages. Handing each isolate its own copy of the file
// cost ~20 MB of RSS per live interpreter on top of the restored memory (the copy was kept by
// Pyodide's config, and what malloc got back stayed with the process), and writing the zero
// pages made all of the linear memory resident. Instead:
// - the non-zero pages are packed once into a SharedArrayBuffer that every isolate reads in place
//   (isolated-vm shares a SharedArrayBuffer's memory across isolates instead of copying it);
// - only those pages are written into a restored interpreter's memory; zero pages stay untouched
//   (a fresh WebAssembly memory reads as zeros and is not resident until written).
// The shared pages never stay reachable in an isolate after its boot (interpreter.ts drops every
// reference); as a second line, the host compares them with its own copy before each restore.

/** Page granularity of the sparse image (the OS page size: smaller gaps would still be resident). */
const PAGE = 4096;

export type SnapshotImage = {
  /** The snapshot's byte length (Pyodide sizes the new memory from it). */
  byteLength: number;
  /** The header: magic, memory offset, build id and JSON, checked by Pyodide's restoreSnapshot. */
  head: ivm.ExternalCopy<ArrayBuffer>;
  /** [memory offset, length] pairs of the non-zero page runs, in order (Uint32). */
  runs: ivm.ExternalCopy<ArrayBuffer>;
  /** The non-zero page runs back to back, shared by every isolate (never copied). */
  pages: ivm.ExternalCopy<SharedArrayBuffer>;
  /** Bytes of memory restored (the non-zero pages), for benches. */
  residentBytes: number;
  /** Before a restore: the shared pages still equal the host's copy (else they are repaired). */
  verify(): void;
};

function isZero(bytes: Uint8Array, from: number, to: number): boolean {
  // Four bytes at a time where aligned (memory pages are), then the tail.
  const aligned = (bytes.byteOffset + from) % 4 === 0 ? Math.floor((to - from) / 4) : 0;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + from, aligned);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  for (let i = from + aligned * 4; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Builds the sparse, shared image of a snapshot file's bytes. */
export function snapshotImage(snapshot: Uint8Array): SnapshotImage {
  const header = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2);
  const memoryAt = header[1]!;
  if (memoryAt <= 8 || memoryAt > snapshot.byteLength || memoryAt % 4 !== 0)
    throw new Error("not a Pyodide memory snapshot (bad memory offset)");
  const memory = snapshot.subarray(memoryAt);

  const runs: number[] = [];
  let packed = 0;
  for (let at = 0; at < memory.byteLength; at += PAGE) {
    const end = Math.min(at + PAGE, memory.byteLength);
    if (isZero(memory, at, end)) continue;
    const last = runs.length - 2;
    if (last >= 0 && runs[last]! + runs[last + 1]! === at) runs[last + 1]! += end - at;
    else runs.push(at, end - at);
    packed += end - at;
  }

  const shared = new SharedArrayBuffer(packed);
  const view = new Uint8Array(shared);
  for (let i = 0, to = 0; i < runs.length; i += 2) {
    view.set(memory.subarray(runs[i]!, runs[i]! + runs[i + 1]!), to);
    to += runs[i + 1]!;
  }
  const original = Buffer.from(view); // the host's own copy, never handed to an isolate
  const head = snapshot.slice(0, memoryAt);

  return {
    byteLength: snapshot.byteLength,
    head: new ivm.ExternalCopy(head.buffer),
    runs: new ivm.ExternalCopy(new Uint32Array(runs).buffer),
    pages: new ivm.ExternalCopy(shared),
    residentBytes: packed,
    verify() {
      if (original.equals(view)) return;
      logger.error("the shared Pyodide snapshot pages were modified; restored them from the host's copy");
      view.set(original);
    },
  };
}
