import pino from "pino";
import { processWide } from "../process-wide";

/**
 * The process's structured log (SPEC §11): one JSON line per event on stdout, for journald or
 * any collector, shared by our server and the bundled app. Nothing logged may hold a password, token or cookie: callers log ids,
 * routes and counts, never headers, bodies or query strings.
 */
export const logger: pino.Logger = processWide("logger", () =>
  pino({
    level: process.env.LOG_LEVEL || "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }),
);
