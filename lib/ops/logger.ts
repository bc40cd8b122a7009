import pino from "pino";

/**
 * The process's structured log (SPEC §11): one JSON line per event on stdout, for journald or
 * any collector. Shared by our server and the bundled app through globalThis (see
 * request-context.ts). Nothing logged may hold a password, token or cookie: callers log ids,
 * routes and counts, never headers, bodies or query strings.
 */
const LOGGER = Symbol.for("atmosphere.logger");
const holder = globalThis as { [LOGGER]?: pino.Logger };

export const logger: pino.Logger = (holder[LOGGER] ??= pino({
  level: process.env.LOG_LEVEL || "info",
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
}));
