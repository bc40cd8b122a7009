import "server-only";
import { randomUUID } from "node:crypto";
import { dbKind, Prisma, type Db } from "../db/client";
import { LEASE_MS } from "./schedule";
import { whenUnlocked } from "./sqlite-busy";

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  /** Tries made before this one. */
  attempts: number;
  /** Names this claim: only its holder may finish the job, and only while the lease holds. */
  claim: string;
}

export interface ClaimOptions {
  /** Names the worker in claimed_by (for people reading the table). */
  workerId: string;
  now: Date;
  /** Only jobs of these kinds: a worker never claims a job it has no handler for. */
  kinds: string[];
  limit: number;
}

/**
 * A job is due when it is pending, its time has come, nobody holds a live lease on it (an
 * expired lease is a crashed or stuck worker: the job is claimed again), and no earlier job of
 * its order key is still pending (so jobs of one key run one at a time, in id order: an earlier
 * one that waits for a retry holds back the later ones).
 */
const dueSql = (now: Date, kinds: string[]) => Prisma.sql`
  j.status = 'pending' AND j.run_after <= ${now} AND j.kind IN (${Prisma.join(kinds)})
  AND (j.claimed_until IS NULL OR j.claimed_until < ${now})
  AND (j.order_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM outbox_jobs e WHERE e.order_key = j.order_key AND e.status = 'pending' AND e.id < j.id))`;

type Row = { id: number | bigint; kind: string; payload: string; attempts: number | bigint };
const toJob = (claim: string) => (row: Row): ClaimedJob => ({ id: Number(row.id), kind: row.kind, payload: row.payload, attempts: Number(row.attempts), claim });

/**
 * Claims up to `limit` due jobs for this worker, for LEASE_MS. Workers in any number of
 * processes may call it at once: each job is claimed by one of them.
 */
export async function claimJobs(client: Db, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (options.kinds.length === 0) return [];
  const claim = `${options.workerId}/${randomUUID()}`.slice(0, 200);
  const until = new Date(options.now.getTime() + LEASE_MS);
  if (dbKind === "postgresql") {
    // Rows another worker is claiming right now are skipped rather than waited for; the update
    // that follows in the same transaction records the claim before the row locks go.
    return client.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: number }[]>`
        SELECT j.id FROM outbox_jobs j WHERE ${dueSql(options.now, options.kinds)}
        ORDER BY j.id LIMIT ${options.limit} FOR UPDATE OF j SKIP LOCKED`;
      if (due.length === 0) return [];
      const rows = await tx.$queryRaw<Row[]>`
        UPDATE outbox_jobs SET claimed_by = ${claim}, claimed_until = ${until}
        WHERE id IN (${Prisma.join(due.map((row) => Number(row.id)))})
        RETURNING id, kind, payload, attempts`;
      return rows.map(toJob(claim)).sort((a, b) => a.id - b.id);
    });
  }
  // SQLite: one statement, which takes the database's write lock before it reads, so the
  // choice and the claim are one atomic step. Not in a transaction: the worker's connection is
  // its own (see startOutboxWorker), and holds no lock across an await.
  const rows = await whenUnlocked(
    () => client.$queryRaw<Row[]>`
      UPDATE outbox_jobs SET claimed_by = ${claim}, claimed_until = ${until}
      WHERE id IN (SELECT j.id FROM outbox_jobs j WHERE ${dueSql(options.now, options.kinds)} ORDER BY j.id LIMIT ${options.limit})
      RETURNING id, kind, payload, attempts`,
  );
  return rows.map(toJob(claim)).sort((a, b) => a.id - b.id);
}
