import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

// AES-256-GCM with a key derived from APP_SECRET. Stored form: "v1:" + base64(iv | tag | ciphertext).
const PREFIX = "v1:";

/** The purpose (key) a channel's sign_secret is encrypted under (channels, seed adoption). */
export const CHANNEL_SIGN_SECRET_PURPOSE = "channel-sign-secret";

function key(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", env.APP_SECRET, "scheduled-task-platform", purpose, 32));
}

export function encryptSecret(plain: string, purpose = "secrets"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function decryptSecret(stored: string, purpose = "secrets"): string {
  if (!stored.startsWith(PREFIX)) throw new Error("not an encrypted value");
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(purpose), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function isEncrypted(value: string | null | undefined): boolean {
  return typeof value === "string" && value.startsWith(PREFIX);
}
