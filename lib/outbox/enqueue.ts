import "server-only";
import type { Tx } from "../db/client";

export interface NewJob {
  /** Which handler runs it (lib/outbox/handlers.ts). */
  kind: string;
  /** Jobs with one order key run one at a time, in the order they were enqueued. */
  orderKey?: string | null;
  /** What the handler needs, as JSON: everything, so that the job does not depend on rows that may change. */
  payload: unknown;
  /** Not before this moment (a scheduled retirement); default: at once. */
  runAfter?: Date;
}

/**
 * Writes jobs in the caller's transaction: they exist exactly when the event that caused them is
 * committed, and never run for one that rolled back. One insert; the work itself is done apart
 * (lib/outbox/worker.ts), so it never fails or slows the action.
 */
export async function enqueue(tx: Tx, jobs: NewJob | NewJob[]): Promise<void> {
  const list = Array.isArray(jobs) ? jobs : [jobs];
  if (list.length === 0) return;
  // Dates are written by us, not by the column defaults: SQLite's CURRENT_TIMESTAMP is not in
  // the format Prisma writes, and the worker compares them as text.
  const now = new Date();
  await tx.outboxJob.createMany({
    data: list.map((job) => ({ kind: job.kind, orderKey: job.orderKey ?? null, payload: JSON.stringify(job.payload), runAfter: job.runAfter ?? now, createdAt: now })),
  });
}
