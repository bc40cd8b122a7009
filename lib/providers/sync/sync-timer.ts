import "server-only";
import { logger } from "../../ops/logger";
import { dueProviderIds, syncIntervalSeconds, syncProvider } from "./sync-provider";

export interface RunningSyncTimer {
  stop(): Promise<void>;
}

/** How often the timer asks the database whether a provider is due (the interval itself is kept there). */
const LOOK_EVERY_MS = 15_000;

/**
 * Syncs each openstack provider every PROVIDER_SYNC_SECONDS (SPEC §9). Every app process (and
 * `npm run worker`) runs one; the due time and the claim are in the providers table, so each sync
 * is run by one process whatever their number. Failures are recorded in the run and logged.
 */
export function startSyncTimer(options: { log?: (line: Record<string, unknown>) => void; keepProcessAlive?: boolean } = {}): RunningSyncTimer | null {
  const interval = syncIntervalSeconds();
  if (interval === 0) return null;
  const log = options.log ?? ((line) => logger.info(line));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      for (const id of await dueProviderIds()) {
        if (stopped) break;
        const result = await syncProvider(id, "timer", { onlyWhenDue: true });
        if (result) log({ event: "provider_sync", ...result });
      }
    } catch (error) {
      log({ event: "provider_sync_failed", error: error instanceof Error ? error.message : String(error) });
    }
    if (stopped) return;
    timer = setTimeout(() => (pass = tick()), Math.min(LOOK_EVERY_MS, interval * 1000));
    if (!options.keepProcessAlive) timer.unref();
  };
  timer = setTimeout(() => (pass = tick()), 0);
  if (!options.keepProcessAlive) timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
