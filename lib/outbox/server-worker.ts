import "server-only";
import { createDb } from "../db/client";
import { mailStatusLine } from "../notifications/mail-settings";
import { logger } from "../ops/logger";
import { onShutdown } from "../ops/shutdown";
import { processWide } from "../process-wide";
import { outboxHandlers } from "./handlers";
import { startOutboxWorker, type RunningWorker } from "./worker";

export const DEFAULT_POLL_MS = 2000;

/** OUTBOX_POLL_MS: how often a worker looks for due jobs; 0 in the app server leaves them to `npm run worker`. */
export function pollInterval(): number {
  const value = process.env.OUTBOX_POLL_MS?.trim();
  if (!value) return DEFAULT_POLL_MS;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`OUTBOX_POLL_MS must be a number of milliseconds (got "${value}")`);
  return Number(value);
}

/**
 * The worker inside the app server, started once per process from instrumentation.ts. It has a
 * database connection of its own: on SQLite the app's one connection would run the worker's
 * statements inside whichever request's transaction is open (seeing rows that may yet roll
 * back), and that connection must never wait for a lock (see lib/outbox/sqlite-busy.ts).
 */
export function startServerWorker(): void {
  processWide<RunningWorker | null>("outbox-worker", () => {
    logger.info(mailStatusLine());
    const handlers = outboxHandlers();
    const pollMs = pollInterval();
    if (Object.keys(handlers).length === 0 || pollMs === 0) return null;
    const client = createDb(undefined, { busyTimeoutMs: 0, poolSize: 2 });
    const worker = startOutboxWorker(client, { handlers, pollMs });
    onShutdown("work", async () => {
      await worker.stop();
      await client.$disconnect();
    });
    return worker;
  });
}
