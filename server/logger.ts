import pino from "pino";

// Structured JSON logs; a run's lines carry its trace_id via logger.child({ trace_id }).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "scheduled-task-platform" },
  redact: {
    paths: ["*.password", "*.secret", "*.sign_secret", "*.token", "*.authorization"],
    censor: "******",
  },
});
