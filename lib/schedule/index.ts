// Isomorphic schedule validation (no server imports): forms and servers share it.
export * from "./time-zone";
export * from "./time-points";
export * from "./cron-expression";
export * from "./schedule-fields";
export * from "./schema";
