import { z } from "zod";

// Input helpers shared by forms, tRPC and REST (isomorphic: no server imports).

/** JSON booleans, plus 0/1 and "true"/"false"/"0"/"1" (query strings and the seed's TINYINT). */
export const zBool = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(["true", "false", "0", "1"])], {
    error: "must be a boolean (true/false or 0/1)",
  })
  .transform((v) => v === true || v === 1 || v === "true" || v === "1");

/** `?page=1&page_size=20` (max 100), as API.md's lists take them. */
export const ZPagination = z.object({
  page: z.coerce.number({ error: "must be a number" }).int().min(1).default(1),
  page_size: z.coerce.number({ error: "must be a number" }).int().min(1).max(100).default(20),
});
export type TPagination = z.infer<typeof ZPagination>;

export function paged<T>(items: T[], total: number, p: TPagination) {
  return { items, total, page: p.page, page_size: p.page_size };
}
