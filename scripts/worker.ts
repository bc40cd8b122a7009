// npm run worker: runs the outbox's jobs (e-mail notifications) in a process of its own, beside
// or instead of the app servers' own workers (OUTBOX_POLL_MS=0 turns those off). Any number may
// run on one database: each job is claimed by one worker at a time. Ctrl-C or SIGTERM stops it
// after the jobs in hand.
import { createDb } from "../lib/db/client";
import { mailStatusLine } from "../lib/notifications/mail-settings";
import { outboxHandlers } from "../lib/outbox/handlers";
import { DEFAULT_POLL_MS, pollInterval } from "../lib/outbox/server-worker";
import { startOutboxWorker } from "../lib/outbox/worker";

console.log(mailStatusLine());
const handlers = outboxHandlers();
if (Object.keys(handlers).length === 0) {
  console.error("Nothing for this worker to do: set SMTP_URL (and DATABASE_URL) as for the app.");
  process.exit(2);
}
const pollMs = pollInterval() || DEFAULT_POLL_MS;
const client = createDb(undefined, { busyTimeoutMs: 0, poolSize: 2 });
const worker = startOutboxWorker(client, { handlers, pollMs, keepProcessAlive: true });
console.log(`outbox worker ${process.pid} running (${Object.keys(handlers).join(", ")} jobs), looking every ${pollMs} ms`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await worker.stop();
    await client.$disconnect();
    process.exit(0);
  });
}
