/**
 * `npm run cycles`: fails on any import cycle, with dpdm.
 * - Between files: every import counts, `import type` and dynamic `import()` included.
 * - Between top-level folders (app, components, lib, server, inngest, …): server → inngest →
 *   server fails too, even when no single file closes it.
 * - Between server/ folders (auth, db, services, runs, sandbox, …): each folder is a layer, so
 *   services → runs → services fails too.
 */
import path from "node:path";
import { parseCircular, parseDependencyTree } from "dpdm";

const ROOT = path.resolve(import.meta.dirname, "..");
const ENTRIES = [
  "app/**/*.{ts,tsx}",
  "components/**/*.{ts,tsx}",
  "lib/**/*.{ts,tsx}",
  "server/**/*.ts",
  "inngest/**/*.ts",
  "scripts/**/*.ts",
  "bench/**/*.ts",
  "examples/**/*.ts",
  "instrumentation.ts",
];

function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "server") return parts.length > 2 ? `server/${parts[1]}` : file;
  return parts[0]!;
}

/** Cycles in a small graph (Tarjan's strongly connected components of size > 1). */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

async function main() {
  const tree = await parseDependencyTree(ENTRIES, {
    context: ROOT,
    cwd: ROOT,
    tsconfig: path.join(ROOT, "tsconfig.json"),
    transform: false, // keep type-only imports: a type cycle is a cycle too
    skipDynamicImports: false,
    exclude: /(^|\/)(node_modules|generated)\//,
  });
  const problems: string[] = [];
  for (const cycle of parseCircular(tree)) problems.push(`file cycle: ${cycle.join(" -> ")}`);

  for (const [name, level] of [
    ["top", (f: string) => f.split("/")[0]!],
    ["server", folderOf],
  ] as const) {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string>();
    for (const [file, deps] of Object.entries(tree)) {
      for (const dep of deps ?? []) {
        if (!dep.id || /^(node_modules|generated)\//.test(dep.id)) continue;
        const [a, b] = [level(file), level(dep.id)];
        if (a === b) continue;
        if (!edges.has(a)) edges.set(a, new Set());
        edges.get(a)!.add(b);
        why.set(`${a} ${b}`, `${file} -> ${dep.id}`);
      }
    }
    for (const component of stronglyConnected(edges)) {
      const inside = new Set(component);
      const examples = component.flatMap((a) =>
        [...(edges.get(a) ?? [])].filter((b) => inside.has(b)).map((b) => `    ${why.get(`${a} ${b}`)}`),
      );
      const text = `folder cycle: ${component.join(" <-> ")}\n${examples.join("\n")}`;
      problems.push(`${name === "top" ? "" : "server "}${text}`);
    }
  }

  if (problems.length > 0) {
    console.error(`${problems.length} import cycle(s):\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(
    `No import cycles (${Object.keys(tree).length} files; type-only and dynamic imports included).`,
  );
}

void main();
