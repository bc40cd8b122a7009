import "server-only";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { claimJobs, type ClaimedJob } from "./claim";
import { markDone, markFailed } from "./finish";
import { logger } from "../ops/logger";

/** Runs one job; throwing fails the try (see PermanentJobError). */
export type JobHandler = (payload: unknown, job: { id: number; kind: string; attempts: number }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Thrown by a handler when trying again cannot help (a malformed job, a recipient the server refuses for good). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface WorkerOptions {
  handlers: JobHandlers;
  /** Names the worker in claimed_by and in the log. */
  workerId?: string;
  /** The worker's clock; the tests drive it to reach retries without waiting for them. */
  clock?: () => Date;
  /** How many jobs one pass claims (they run side by side). */
  batch?: number;
  /** One JSON line per job; the default writes it to standard output. */
  log?: (line: Record<string, unknown>) => void;
}

export interface PassResult {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Jobs whose lease ran out before they finished: another worker owns them now. */
  lost: number;
}

export const defaultWorkerId = () => `${hostname()}:${process.pid}`;
const defaultLog = (line: Record<string, unknown>) => logger.info(line);

/**
 * One pass: claims the due jobs (up to a batch), runs each with its kind's handler, and marks
 * it done, or failed for now (to be tried again later) or for good. No transaction is held open
 * while a handler runs.
 */
export async function runDueJobs(client: Db, options: WorkerOptions): Promise<PassResult> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? defaultLog;
  const workerId = options.workerId ?? defaultWorkerId();
  const jobs = await claimJobs(client, { workerId, now: clock(), kinds: Object.keys(options.handlers), limit: options.batch ?? 10 });
  const result: PassResult = { claimed: jobs.length, done: 0, retried: 0, failed: 0, lost: 0 };
  await Promise.all(jobs.map((job) => runJob(client, job, options.handlers[job.kind], clock, log, workerId, result)));
  return result;
}

async function runJob(client: Db, job: ClaimedJob, handler: JobHandler, clock: () => Date, log: WorkerOptions["log"] & {}, workerId: string, result: PassResult) {
  const started = Date.now();
  const line = { event: "outbox_job", worker: workerId, id: job.id, kind: job.kind, attempt: job.attempts + 1 };
  try {
    let payload: unknown;
    try {
      payload = JSON.parse(job.payload);
    } catch {
      throw new PermanentJobError("The job's payload is not JSON.");
    }
    await handler(payload, { id: job.id, kind: job.kind, attempts: job.attempts });
  } catch (error) {
    const retry = await markFailed(client, job, clock(), error, error instanceof PermanentJobError);
    if (retry.outcome === "retry") result.retried++;
    else if (retry.outcome === "failed") result.failed++;
    else result.lost++;
    log({
      ...line,
      outcome: retry.outcome,
      ...(retry.outcome === "retry" ? { run_after: retry.runAfter.toISOString() } : {}),
      error: error instanceof Error ? error.message : String(error),
      duration_ms: Date.now() - started,
    });
    return;
  }
  const kept = await markDone(client, job, clock());
  if (kept) result.done++;
  else result.lost++;
  log({ ...line, outcome: kept ? "done" : "lost", duration_ms: Date.now() - started });
}

export interface RunningWorker {
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Polls every `pollMs`; a pass that ran jobs is followed by the next at once (the next job of an
 * order key is due as soon as the one before it is done). A pass that throws
 * (the database away for a moment) is logged and the polling goes on.
 */
export function startOutboxWorker(client: Db, options: WorkerOptions & { pollMs: number; keepProcessAlive?: boolean }): RunningWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      pass = tick();
    }, delay);
    if (!options.keepProcessAlive) timer.unref();
  };
  const tick = async () => {
    let busy = false;
    try {
      busy = (await runDueJobs(client, options)).claimed > 0;
    } catch (error) {
      (options.log ?? defaultLog)({ event: "outbox_pass_failed", error: error instanceof Error ? error.message : String(error) });
    }
    schedule(busy ? 0 : options.pollMs);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
