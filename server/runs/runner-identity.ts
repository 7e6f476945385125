import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

// One id per process: log rows it runs carry it, and its heartbeat keeps them "alive".
const RUNNER_ID = `${hostname().slice(0, 40)}-${process.pid}-${randomBytes(4).toString("hex")}`;

export function runnerId(): string {
  return RUNNER_ID;
}
