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

/**
 * A list's `sort=column.asc|desc` (the console's URL form, components/data-table) limited to the
 * columns the list can sort by, as `{ column, desc }`.
 */
export function zListSort<const C extends string>(columns: readonly C[]) {
  return z
    .string()
    .regex(/^[a-z_]+\.(asc|desc)$/, "must be column.asc or column.desc")
    .refine((v) => (columns as readonly string[]).includes(v.split(".")[0]!), {
      message: `column must be one of ${columns.join(", ")}`,
    })
    .transform((v) => ({ column: v.split(".")[0] as C, desc: v.endsWith(".desc") }));
}

export function paged<T>(items: T[], total: number, p: TPagination) {
  return { items, total, page: p.page, page_size: p.page_size };
}
