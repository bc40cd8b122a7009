import "server-only";
import type { Db } from "../db/client";
import type { ClaimedJob } from "./claim";
import { MAX_ATTEMPTS, retryDelayMs } from "./schedule";
import { whenUnlocked } from "./sqlite-busy";

const ERROR_MAX = 2000;

/**
 * Marks a claimed job done. False when the claim was lost meanwhile (the lease ran out and
 * another worker took the job): then nothing is written.
 */
export async function markDone(client: Db, job: ClaimedJob, now: Date): Promise<boolean> {
  const { count } = await whenUnlocked(() =>
    client.outboxJob.updateMany({
      where: { id: job.id, claimedBy: job.claim, status: "pending" },
      data: { status: "done", doneAt: now, attempts: job.attempts + 1, claimedUntil: null, lastError: "" },
    }),
  );
  return count === 1;
}

export type Retry = { outcome: "retry"; runAfter: Date } | { outcome: "failed" } | { outcome: "lost" };

/**
 * Records a failed try: the job waits for its next try (RETRY_DELAYS_MS), or is marked failed
 * after the last one or when the handler said trying again cannot help.
 */
export async function markFailed(client: Db, job: ClaimedJob, now: Date, error: unknown, permanent: boolean): Promise<Retry> {
  const attempts = job.attempts + 1;
  const giveUp = permanent || attempts >= MAX_ATTEMPTS;
  const runAfter = new Date(now.getTime() + retryDelayMs(attempts));
  const { count } = await whenUnlocked(() =>
    client.outboxJob.updateMany({
      where: { id: job.id, claimedBy: job.claim, status: "pending" },
      data: {
        attempts,
        lastError: describe(error).slice(0, ERROR_MAX),
        claimedUntil: null,
        ...(giveUp ? { status: "failed", doneAt: now } : { runAfter }),
      },
    }),
  );
  if (count === 0) return { outcome: "lost" };
  return giveUp ? { outcome: "failed" } : { outcome: "retry", runAfter };
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
