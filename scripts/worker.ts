// npm run worker: runs the outbox's jobs (e-mail notifications, pushes to clouds) and the provider
// sync timer in a process of its own, beside or instead of the app servers' own
// (OUTBOX_POLL_MS=0 and PROVIDER_SYNC_SECONDS=0 turn those off). Any number may run on one
// database: each job and each sync is claimed by one process at a time. Ctrl-C or SIGTERM stops it
// after the work in hand.
import { createDb } from "../lib/db/client";
import { logger } from "../lib/ops/logger";
import { mailStatusLine } from "../lib/notifications/mail-settings";
import { outboxHandlers } from "../lib/outbox/handlers";
import { DEFAULT_POLL_MS, pollInterval } from "../lib/outbox/server-worker";
import { startOutboxWorker } from "../lib/outbox/worker";
import { startSyncTimer } from "../lib/providers/sync/sync-timer";

logger.info(mailStatusLine());
const handlers = outboxHandlers();
const pollMs = pollInterval() || DEFAULT_POLL_MS;
const client = createDb(undefined, { busyTimeoutMs: 0, poolSize: 2 });
const worker = startOutboxWorker(client, { handlers, pollMs, keepProcessAlive: true });
const syncTimer = startSyncTimer({ keepProcessAlive: true });
logger.info(`outbox worker ${process.pid} running (${Object.keys(handlers).join(", ")} jobs), looking every ${pollMs} ms; provider sync ${syncTimer ? "on" : "off"}`);

// `on` with a guard, not `once`: Ctrl-C reaches npm and this process both, and a second signal
// must not kill it in the middle of a job.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([worker.stop(), syncTimer?.stop()]);
    await client.$disconnect();
    process.exit(0);
  });
}
