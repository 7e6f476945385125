// Text with an unpaired UTF-16 surrogate (e.g. "\ud800" in JSON) is not Unicode: MariaDB refuses
// it inside JSON columns (audit details, input_params), which surfaced as a 500. Both API edges
// refuse such input up front, naming the field.

const LONE_SURROGATE = /\p{Surrogate}/u;

/** The path of the first string (value or key) that is not well-formed Unicode, else null. */
export function illFormedTextPath(
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
  seen = new Set<object>(),
): string | null {
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? path.join(".") || "(input)" : null;
  if (typeof value !== "object" || value === null || depth > 32 || seen.has(value)) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedTextPath(value[i], [...path, i], depth + 1, seen);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return [...path, key.replace(LONE_SURROGATE, "\uFFFD")].join(".");
    const found = illFormedTextPath(child, [...path, key], depth + 1, seen);
    if (found !== null) return found;
  }
  return null;
}
