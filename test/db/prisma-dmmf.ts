import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Prisma's own reading of a schema (the DMMF datamodel every generator receives), obtained by
// running `prisma generate` with a tiny generator (dmmf-generator.mjs) instead of the client's.
// The runtime data model in the generated client lacks native types, defaults and indexes.

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
export type DmmfEnum = { name: string; values: { name: string; dbName: string | null }[] };
export type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
export type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");
const GENERATOR = "test/db/dmmf-generator.mjs"; // relative: Prisma spawns it from the repo root
const PRISMA_CLI = path.resolve(process.cwd(), "node_modules/prisma/build/index.js");

/** The DMMF datamodel of a schema text (defaults to prisma/schema.prisma). */
export async function readDatamodel(schemaText?: string): Promise<Datamodel> {
  const text = schemaText ?? (await readFile(SCHEMA_PATH, "utf8"));
  const dir = await mkdtemp(path.join(os.tmpdir(), "dmmf-"));
  try {
    const out = path.join(dir, "out");
    // Only our generator: the client generator must not run (it would rewrite generated/).
    const schema =
      text.replace(/^generator\s+\w+\s*\{[^}]*\}/gm, "") +
      `\ngenerator dmmf {\n  provider = "node ${GENERATOR}"\n  output   = ${JSON.stringify(out)}\n}\n`;
    const schemaPath = path.join(dir, "schema.prisma");
    await writeFile(schemaPath, schema);
    await promisify(execFile)(process.execPath, [PRISMA_CLI, "generate", "--schema", schemaPath], {
      cwd: process.cwd(),
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      timeout: 60_000,
    });
    return JSON.parse(await readFile(path.join(out, "dmmf.json"), "utf8")) as Datamodel;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
