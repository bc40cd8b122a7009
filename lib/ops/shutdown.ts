// What a stopping process must close, in order (SPEC §11): first the background work that is
// running (the outbox worker, the sync timer), then the database clients it used. Registered by
// whoever starts them, in the bundled app or in our server; run once by scripts/serve.ts on SIGTERM.
import { processWide } from "../process-wide";

type Closer = { stage: "work" | "database"; close: () => Promise<void> };
const closers = processWide<Closer[]>("shutdown", () => []);

export function onShutdown(stage: Closer["stage"], close: () => Promise<void>): void {
  closers.push({ stage, close });
}

/** Stops the background work, then closes the databases; a failure of one does not keep the others open. */
export async function stopBackgroundWork(): Promise<void> {
  for (const stage of ["work", "database"] as const) {
    const due = closers.filter((closer) => closer.stage === stage);
    await Promise.allSettled(due.map((closer) => closer.close()));
  }
  closers.length = 0;
}
