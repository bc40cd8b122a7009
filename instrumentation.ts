// Next.js calls register() once when the server starts: the outbox worker (SPEC §8, §9, §11) and
// the provider sync timer (SPEC §9) run in the app server's process, unless OUTBOX_POLL_MS=0 and
// PROVIDER_SYNC_SECONDS=0 leave them to `npm run worker`. It also hands our HTTP server the
// catalog's state, by which it remembers anonymous catalog pages (lib/http/page-cache.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ rememberPagesBy }, { catalogState }] = await Promise.all([import("./lib/http/page-cache"), import("./lib/images/catalog-cache")]);
  rememberPagesBy(catalogState);
  const { startServerWorker } = await import("./lib/outbox/server-worker");
  startServerWorker();
  const { startSyncTimer } = await import("./lib/providers/sync/sync-timer");
  const { onShutdown } = await import("./lib/ops/shutdown");
  const { processWide } = await import("./lib/process-wide");
  processWide("sync-timer", () => {
    const timer = startSyncTimer();
    if (timer) onShutdown("work", () => timer.stop());
    return timer;
  });
}
