// The object keys a zod 4 schema knows (at the top and anywhere below), so hostile inputs can use
// the right names with the wrong values and get past the first check into deeper code.

type Def = {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  left?: unknown;
  right?: unknown;
  options?: unknown[];
  element?: unknown;
  getter?: () => unknown;
};

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

export function schemaKeys(schema: unknown): { top: string[]; all: string[] } {
  const all = new Set<string>();
  const seen = new Set<unknown>();
  function walk(s: unknown, depth: number, top: Set<string> | null): void {
    const def = defOf(s);
    if (!def || seen.has(s) || depth > 6) return;
    seen.add(s);
    if (def.type === "object" && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) {
        all.add(key);
        top?.add(key);
        walk(child, depth + 1, null);
      }
      return;
    }
    const inner = [def.innerType, def.in, def.out, def.left, def.right, def.element, ...(def.options ?? [])];
    for (const child of inner) if (child) walk(child, depth + 1, top);
  }
  const top = new Set<string>();
  walk(schema, 0, top);
  return { top: [...top], all: [...all] };
}
