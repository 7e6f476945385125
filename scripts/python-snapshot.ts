// Makes (or validates) the Pyodide memory snapshot under .cache/pyodide, so the first Python run
// of a process does not pay the cold boot. The test suite's global setup runs it once.
// Run: node --no-node-snapshot --import tsx scripts/python-snapshot.ts
process.env.APP_SECRET ??= "python-snapshot-script-only-secret-0123456789";
process.env.LOG_LEVEL ??= "warn";
const { pythonSnapshot } = await import("../server/sandbox/python/pool");
const started = Date.now();
await pythonSnapshot();
console.log(`Pyodide snapshot ready in ${Date.now() - started} ms`);
process.exit(0);

export {};
