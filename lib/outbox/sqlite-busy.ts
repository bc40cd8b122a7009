import { setTimeout as sleep } from "node:timers/promises";

const GIVE_UP_AFTER_MS = 30_000;

/** SQLITE_BUSY, as the driver adapter reports it. */
const isBusy = (error: unknown) => /SQLITE_BUSY|database is locked|SocketTimeout/i.test(`${(error as Error)?.message ?? ""} ${JSON.stringify(error ?? null)}`);

/**
 * Runs one statement of the worker's, waiting for the write lock without holding the event
 * loop: the worker's SQLite connection does not wait for a lock (busy timeout 0), since the
 * driver would wait synchronously while the app's transaction that holds the lock needs the
 * event loop to finish. A busy database is tried again shortly, with a little jitter.
 */
export async function whenUnlocked<T>(statement: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
    try {
      return await statement();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > GIVE_UP_AFTER_MS) throw error;
      await sleep(wait + Math.random() * wait);
    }
  }
}
