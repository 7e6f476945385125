import { z } from "zod";
import { ZListLimit, ZTenantFilter } from "./common";

// Input of the audit log page (audit.list).

/** Audit ids are BIGINT: a cursor outside that range would reach the database and fail there. */
const ZAuditCursor = z
  .bigint()
  .positive()
  .max(2n ** 63n - 1n);

export const ZListAuditInput = z
  .object({
    tenant_id: ZTenantFilter.optional(),
    cursor: ZAuditCursor.optional(),
    limit: ZListLimit.optional(),
  })
  .optional();
