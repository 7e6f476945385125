import { z } from "zod";
import { AUDIT_ACTIONS } from "../audit-actions";
import { ZListLimit, ZTenantFilter } from "./common";

// Input of the audit log page (audit.list).

/** Audit ids are BIGINT: a cursor outside that range would reach the database and fail there. */
const ZAuditCursor = z
  .bigint()
  .positive()
  .max(2n ** 63n - 1n);

/**
 * The audit log, newest first: pages (page, page_size, with a total) for the console's table, or a
 * keyset cursor (entries older than it) for scripts. Filters: tenant ("" = platform-level
 * entries), action, entity type.
 */
export const ZListAuditInput = z
  .object({
    tenant_id: ZTenantFilter.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    entity_type: z.string().trim().max(50).optional(),
    cursor: ZAuditCursor.optional(),
    page: z.number().int().min(1).max(100_000).optional(),
    page_size: ZListLimit.optional(),
    limit: ZListLimit.optional(),
  })
  .optional();
