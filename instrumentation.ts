// Next.js calls register() once when the server starts: the outbox worker runs in the app
// server's process (SPEC §8, §11), unless OUTBOX_POLL_MS=0 leaves it to `npm run worker`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerWorker } = await import("./lib/outbox/server-worker");
  startServerWorker();
}
