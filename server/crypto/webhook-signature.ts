import { createHmac, hkdfSync } from "node:crypto";
import { env } from "../env";

// Signing of a webhook task's calls: used by the run (runs/webhook-call.ts) and shown to the
// task's editors (services/tasks.ts).

export { SIGNATURE_HEADER } from "@/lib/webhook-signature";

/**
 * The key a task's webhook calls are signed with: derived from APP_SECRET and the task id, so it
 * needs no storage and differs per task. The console shows it to those who may edit the task.
 */
export function webhookSigningKey(taskId: number, keyVersion = 0): string {
  // Generation 0 keeps the info string every task was signed with before rotation existed.
  const info = keyVersion === 0 ? `webhook:${taskId}` : `webhook:${taskId}:${keyVersion}`;
  return Buffer.from(hkdfSync("sha256", env.APP_SECRET, "scheduled-task-platform", info, 32)).toString("hex");
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — a timestamp guards against replays. */
export function signWebhookBody(taskId: number, body: string, nowMs = Date.now(), keyVersion = 0): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac("sha256", webhookSigningKey(taskId, keyVersion)).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}
