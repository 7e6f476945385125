/**
 * Every action the audit log records (platform_audit_logs.action), verb last: "task.update".
 * The server's recordAudit takes only these, and the console has words for each
 * (lib/i18n/messages/labels.ts), so a new action without words fails the type check and a test.
 */
export const AUDIT_ACTIONS = [
  "auth.login_throttled",
  "channel.create",
  "channel.update",
  "channel.delete",
  "channel.test",
  "data_source.create",
  "data_source.update",
  "data_source.delete",
  "data_source.grant",
  "data_source.revoke",
  "member.set",
  "member.remove",
  "run.cancel",
  "run.repush",
  "script_var.set",
  "script_var.delete",
  "secret.set",
  "secret.delete",
  "task.create",
  "task.update",
  "task.delete",
  "task.enable",
  "task.disable",
  "task.run",
  "task.webhook_key_rotate",
  "tenant.create",
  "tenant.update",
  "tenant.delete",
  "tenant.default_alert_channel",
  "tenant_config.set",
  "tenant_config.delete",
  "token.create",
  "token.revoke",
  "wecom_app.create",
  "wecom_app.update",
  "wecom_app.delete",
] as const;

export type TAuditAction = (typeof AUDIT_ACTIONS)[number];
