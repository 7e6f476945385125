import { z } from "zod";

// Runs in the browser before the console's code. The CSP has no 'unsafe-eval', and zod's JIT
// probes for eval with `new Function("")` when the first object schema is built: the throw is
// caught, but the browser still reports a CSP violation on every page. Jitless zod never probes
// and validates the same.
z.config({ jitless: true });
