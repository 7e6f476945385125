// Byte-exact splitting and truncation of message text. Robots count UTF-8 bytes (WeCom) or the
// bytes of the whole JSON body (DingTalk), so every cut is made at a code point boundary and
// measured with the caller's cost function.

export type CostFn = (codePoint: number) => number;

/** UTF-8 byte length of one code point. */
export const utf8Cost: CostFn = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Bytes the code point takes inside a JSON string literal (JSON.stringify escaping). */
export const jsonCost: CostFn = (cp) => {
  if (cp === 0x22 || cp === 0x5c) return 2; // \" \\
  if (cp === 0x08 || cp === 0x09 || cp === 0x0a || cp === 0x0c || cp === 0x0d) return 2;
  if (cp < 0x20) return 6; // \u00XX
  if (cp >= 0xd800 && cp <= 0xdfff) return 6; // lone surrogate, escaped by JSON.stringify
  return utf8Cost(cp);
};

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");

export function measure(text: string, cost: CostFn = utf8Cost): number {
  let total = 0;
  for (const ch of text) total += cost(ch.codePointAt(0)!);
  return total;
}

/**
 * Cuts `text` into exact consecutive substrings whose cost is at most `budget`, ending each
 * piece right after a newline when the piece holds one, else at a code point boundary.
 */
export function splitByBudget(text: string, budget: number, cost: CostFn = utf8Cost): string[] {
  const chunks: string[] = [];
  let start = 0;
  let used = 0;
  let lineCut = -1; // index just after the last "\n" in the current piece
  let usedAfterLineCut = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const c = cost(cp);
    if (used + c > budget && i > start) {
      if (lineCut > start) {
        chunks.push(text.slice(start, lineCut));
        start = lineCut;
        used = usedAfterLineCut;
      } else {
        chunks.push(text.slice(start, i));
        start = i;
        used = 0;
      }
      lineCut = -1;
      usedAfterLineCut = 0;
      continue;
    }
    used += c;
    usedAfterLineCut += c;
    i += width;
    if (cp === 0x0a) {
      lineCut = i;
      usedAfterLineCut = 0;
    }
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

/** The "(1/3)" marker appended to each part of a split message. */
export const partMarker = (index: number, total: number): string => `\n\n(${index}/${total})`;

/** Removes a trailing part marker (for reassembly in tests and previews). */
export function stripPartMarker(part: string): string {
  return part.replace(/\n\n\(\d+\/\d+\)$/, "");
}

/**
 * Splits text so that each part plus its "(i/n)" marker costs at most `maxCost`. Text that fits
 * is returned unchanged, without a marker. Concatenating the parts without markers gives the text.
 */
export function splitWithMarkers(text: string, maxCost: number, cost: CostFn = utf8Cost): string[] {
  if (measure(text, cost) <= maxCost) return [text];
  for (let digits = 1; ; digits++) {
    const widest = 10 ** digits - 1;
    const chunks = splitByBudget(text, maxCost - measure(partMarker(widest, widest), cost), cost);
    if (chunks.length <= widest) return chunks.map((c, i) => c + partMarker(i + 1, chunks.length));
  }
}

export const TRUNCATION_MARKER = "…（已截断）";

/** Truncates at a code point boundary so that the result, marker included, costs ≤ maxCost. */
export function truncateWithMarker(
  text: string,
  maxCost: number,
  cost: CostFn = utf8Cost,
  marker = TRUNCATION_MARKER,
): string {
  if (measure(text, cost) <= maxCost) return text;
  const markerCost = measure(marker, cost);
  if (markerCost > maxCost) return splitByBudget(text, maxCost, cost)[0] ?? "";
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const c = cost(ch.codePointAt(0)!);
    if (used + c > maxCost - markerCost) break;
    used += c;
    end += ch.length;
  }
  return text.slice(0, end) + marker;
}
