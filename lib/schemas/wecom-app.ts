import { z } from "zod";
import { zBool } from "../zod-helpers";

// WeCom application (企业微信应用) input, shared by the console form and tRPC.
const fields = {
  app_name: z.string().trim().min(1).max(100),
  corp_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, "CORP_ID_CHARS"),
  // The column is INT: a larger id (e.g. a Date coerced to its milliseconds) must not reach it.
  agent_id: z.coerce.number().int().positive().max(2_147_483_647),
  to_user: z.string().trim().max(500).nullish(),
  to_party: z.string().trim().max(500).nullish(),
  to_tag: z.string().trim().max(500).nullish(),
  is_enabled: zBool.optional(),
};

export const ZCreateWecomAppInput = z
  .object({
    ...fields,
    secret: z.string().trim().min(1).max(200),
    tenant_id: z.string().trim().min(1).max(50).nullish(),
  })
  .refine((v) => v.to_user || v.to_party || v.to_tag || v.to_user === undefined, {
    path: ["to_user"],
    message: "WECOM_RECIPIENT_REQUIRED",
  });
export type TCreateWecomAppInput = z.infer<typeof ZCreateWecomAppInput>;

/** `secret` omitted keeps the stored one (it is write-only). */
export const ZUpdateWecomAppInput = z.object({
  app_name: fields.app_name.optional(),
  corp_id: fields.corp_id.optional(),
  agent_id: fields.agent_id.optional(),
  secret: z.string().trim().min(1).max(200).optional(),
  to_user: fields.to_user,
  to_party: fields.to_party,
  to_tag: fields.to_tag,
  is_enabled: fields.is_enabled,
});
export type TUpdateWecomAppInput = z.infer<typeof ZUpdateWecomAppInput>;
