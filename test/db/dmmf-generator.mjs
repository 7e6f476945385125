// A minimal Prisma generator (JSON-RPC over stdin/stderr, the protocol `prisma generate` speaks
// to every generator). It writes the DMMF that Prisma hands to generators — Prisma's own parse of
// schema.prisma, with native types, defaults and indexes — (its datamodel part) to dmmf.json in the generator's
// `output` folder. Used by
// test/db/prisma-dmmf.ts; plain JS because Prisma spawns it with node.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");

createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line);
  if (message.method === "getManifest") {
    reply(message.id, {
      manifest: { prettyName: "DMMF dump for the schema drift test", requiresEngines: [] },
    });
  } else if (message.method === "generate") {
    const dir = message.params.generator.output.value;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "dmmf.json"), JSON.stringify(message.params.dmmf.datamodel));
    reply(message.id, null);
  }
});
