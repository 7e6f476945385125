import { z } from "zod";

/** `{id}` in a REST path or a tRPC input. */
export const ZIdParams = z.object({ id: z.coerce.number({ error: "must be a number" }).int().positive() });
