import { z } from "zod";

/** `{id}` in a REST path or a tRPC input. */
export const ZIdParams = z.object({ id: z.coerce.number({ error: "must be a number" }).int().positive() });

/** A database id in a JSON body or a tRPC input (no coercion: a JSON client sends a number). */
export const ZPositiveInt = z.number().int().positive();

/** `{id}` of a tRPC mutation or query on one row. */
export const ZIdInput = z.object({ id: ZPositiveInt });

/** The optional tenant filter of a platform admin's list (a tenant's own scope ignores it). */
export const ZTenantFilter = z.string().trim().max(50);

/** How many rows a list returns at most, over tRPC. */
export const ZListLimit = z.number().int().min(1).max(200);
