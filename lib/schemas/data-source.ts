import { z } from "zod";
import { zBool } from "../zod-helpers";

// Data sources for db_query (platform admins only), shared by the service, tRPC, REST and the console.

export const ZDataSourceName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "DATA_SOURCE_NAME_CHARS");

/** mysql://user:password@host:port/database — the user should have SELECT only (see README). */
export const ZDataSourceDsn = z
  .string()
  .trim()
  .max(1000)
  .regex(/^(mysql|mariadb):\/\/[^\s/@]+(:[^\s@]*)?@[^\s/]+(\/[^\s?#]*)?$/, "DSN_FORMAT");

export const ZCreateDataSourceInput = z.object({
  name: ZDataSourceName,
  description: z.string().trim().max(255).nullish(),
  dsn: ZDataSourceDsn,
  max_connections: z.coerce.number().int().min(1).max(50).optional(),
  is_enabled: zBool.optional(),
});
export type TCreateDataSourceInput = z.infer<typeof ZCreateDataSourceInput>;

/** `dsn` omitted keeps the stored one (it is write-only). */
export const ZUpdateDataSourceInput = z.object({
  name: ZDataSourceName.optional(),
  description: z.string().trim().max(255).nullish(),
  dsn: ZDataSourceDsn.optional(),
  max_connections: z.coerce.number().int().min(1).max(50).optional(),
  is_enabled: zBool.optional(),
});
export type TUpdateDataSourceInput = z.infer<typeof ZUpdateDataSourceInput>;

/** tenant_id null or '' = global tasks. */
export const ZGrantDataSourceInput = z.object({
  data_source_id: z.coerce.number().int().positive(),
  tenant_id: z.string().trim().max(50).nullish(),
  is_default: zBool.optional(),
});
export type TGrantDataSourceInput = z.infer<typeof ZGrantDataSourceInput>;

export const ZRevokeDataSourceInput = z.object({
  data_source_id: z.coerce.number().int().positive(),
  tenant_id: z.string().trim().max(50).nullish(),
});
export type TRevokeDataSourceInput = z.infer<typeof ZRevokeDataSourceInput>;

/** POST /api/data-sources/{id}/grants body (the id is in the path). */
export const ZGrantDataSourceBody = ZGrantDataSourceInput.omit({ data_source_id: true });
/** DELETE /api/data-sources/{id}/grants?tenant_id=acme (none = the global-task grant). */
export const ZRevokeDataSourceQuery = z.object({ tenant_id: z.string().trim().max(50).optional() });
