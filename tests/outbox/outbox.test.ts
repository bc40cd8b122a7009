// The outbox (lib/outbox): jobs written in a transaction, claimed with a lease by workers in any
// number of processes, retried with growing delays, run one at a time per order key.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, db } from "@/lib/db/client";
import { claimJobs } from "@/lib/outbox/claim";
import { enqueue } from "@/lib/outbox/enqueue";
import { LEASE_MS, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/outbox/schedule";
import { PermanentJobError, runDueJobs, startOutboxWorker, type JobHandlers } from "@/lib/outbox/worker";

// A second client, as another app process would have (its own connection on SQLite).
const otherProcess = createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 });
const worker = createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 });
afterAll(() => Promise.all([otherProcess.$disconnect(), worker.$disconnect()]));

const quiet = { log: () => {} };
const T0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => () => new Date(T0.getTime() + ms);

beforeEach(async () => {
  await db.outboxJob.deleteMany();
});

/** Enqueues jobs as the app does: in a transaction. Their run_after is set to T0 so the test clock decides. */
async function jobs(kind: string, payloads: unknown[], orderKey?: string) {
  await db.$transaction((tx) => enqueue(tx, payloads.map((payload) => ({ kind, payload, orderKey }))));
  await db.outboxJob.updateMany({ data: { runAfter: T0, createdAt: T0 } });
}

describe("enqueue", () => {
  it("writes nothing when the transaction rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, { kind: "test", payload: { n: 1 } });
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await db.outboxJob.count()).toBe(0);
  });

  it("stores the payload as JSON, pending, with no attempts", async () => {
    await jobs("test", [{ n: 1, text: "<b>é</b>" }]);
    const [job] = await db.outboxJob.findMany();
    expect(job).toMatchObject({ kind: "test", status: "pending", attempts: 0, claimedBy: null });
    expect(JSON.parse(job.payload)).toEqual({ n: 1, text: "<b>é</b>" });
  });
});

describe("a worker", () => {
  it("runs due jobs with their kind's handler and marks them done", async () => {
    await jobs("test", [{ n: 1 }, { n: 2 }]);
    const seen: unknown[] = [];
    const result = await runDueJobs(worker, { handlers: { test: async (payload) => void seen.push(payload) }, clock: at(0), ...quiet });
    expect(result).toMatchObject({ claimed: 2, done: 2 });
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    const rows = await db.outboxJob.findMany();
    expect(rows.every((row) => row.status === "done" && row.attempts === 1 && row.doneAt !== null && row.claimedUntil === null)).toBe(true);
    expect((await runDueJobs(worker, { handlers: { test: async () => {} }, clock: at(0), ...quiet })).claimed).toBe(0);
  });

  it("leaves jobs that are not due yet, and kinds it has no handler for", async () => {
    await jobs("test", [{ n: 1 }]);
    await jobs("other", [{ n: 2 }]);
    expect((await runDueJobs(worker, { handlers: { test: async () => {} }, clock: at(-1), ...quiet })).claimed).toBe(0);
    expect((await runDueJobs(worker, { handlers: { test: async () => {} }, clock: at(0), ...quiet })).claimed).toBe(1);
    expect(await db.outboxJob.findFirstOrThrow({ where: { kind: "other" } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("retries a failing job after 10 s, 30 s, 2 min… and gives up after the last attempt", async () => {
    await jobs("test", [{ n: 1 }]);
    const failing: JobHandlers = { test: async () => Promise.reject(new Error("mail server down")) };
    let now = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Not a moment before its time.
      if (attempt > 1) expect((await runDueJobs(worker, { handlers: failing, clock: at(now - 1), ...quiet })).claimed).toBe(0);
      const result = await runDueJobs(worker, { handlers: failing, clock: at(now), ...quiet });
      const job = await db.outboxJob.findFirstOrThrow();
      expect(job.attempts).toBe(attempt);
      expect(job.lastError).toContain("mail server down");
      if (attempt < MAX_ATTEMPTS) {
        expect(result.retried).toBe(1);
        expect(job.status).toBe("pending");
        expect(job.runAfter.getTime() - (T0.getTime() + now)).toBe(RETRY_DELAYS_MS[attempt - 1]);
        now += RETRY_DELAYS_MS[attempt - 1];
      } else {
        expect(result.failed).toBe(1);
        expect(job.status).toBe("failed");
      }
    }
    expect(RETRY_DELAYS_MS.slice(0, 4)).toEqual([10_000, 30_000, 120_000, 600_000]);
    expect((await runDueJobs(worker, { handlers: failing, clock: at(now + 365 * 86_400_000), ...quiet })).claimed).toBe(0);
  });

  it("gives up at once on a permanent error", async () => {
    await jobs("test", [{ n: 1 }]);
    const result = await runDueJobs(worker, { handlers: { test: async () => Promise.reject(new PermanentJobError("no such mailbox")) }, clock: at(0), ...quiet });
    expect(result.failed).toBe(1);
    expect(await db.outboxJob.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("claims a job whose worker crashed again once the lease has run out, and not before", async () => {
    await jobs("test", [{ n: 1 }]);
    // A worker claims the job and dies before finishing it.
    const [claimed] = await claimJobs(otherProcess, { workerId: "crashed", now: at(0)(), kinds: ["test"], limit: 10 });
    expect(claimed).toBeDefined();
    const handlers = { test: async () => {} };
    expect((await runDueJobs(worker, { handlers, clock: at(LEASE_MS - 1), ...quiet })).claimed).toBe(0);
    expect(await runDueJobs(worker, { handlers, clock: at(LEASE_MS + 1), ...quiet })).toMatchObject({ claimed: 1, done: 1 });
    // The crashed worker, come back, cannot finish or fail what is no longer its own.
    const { markDone } = await import("@/lib/outbox/finish");
    expect(await markDone(otherProcess, claimed, at(LEASE_MS + 2)())).toBe(false);
  });

  it("runs the jobs of one order key one at a time, in id order, a failing one holding back the rest", async () => {
    await jobs("test", [{ n: 1 }, { n: 2 }, { n: 3 }], "key-a");
    await jobs("test", [{ n: 10 }], "key-b");
    await jobs("test", [{ n: 20 }]);
    const seen: number[] = [];
    let failFirst = true;
    const handlers: JobHandlers = {
      test: async (payload) => {
        const { n } = payload as { n: number };
        if (n === 1 && failFirst) {
          failFirst = false;
          throw new Error("not now");
        }
        seen.push(n);
      },
    };
    // One of each key and the keyless one; the first of key-a fails and waits 10 s, holding back 2 and 3.
    await runDueJobs(worker, { handlers, clock: at(0), ...quiet });
    expect(seen.sort((a, b) => a - b)).toEqual([10, 20]);
    expect((await runDueJobs(worker, { handlers, clock: at(5_000), ...quiet })).claimed).toBe(0);
    for (let pass = 0; pass < 5; pass++) await runDueJobs(worker, { handlers, clock: at(10_000), ...quiet });
    expect(seen).toEqual([10, 20, 1, 2, 3]);
  });

  it("never runs one job twice when workers in two processes poll at once", async () => {
    await jobs("test", Array.from({ length: 60 }, (_, n) => ({ n })));
    await jobs("test", Array.from({ length: 10 }, (_, n) => ({ n: 100 + n })), "ordered");
    const runs = new Map<number, number>();
    let running = 0;
    let overlapInKey = false;
    const handlers = (): JobHandlers => ({
      test: async (payload) => {
        const { n } = payload as { n: number };
        if (n >= 100 && running++ > 0) overlapInKey = true;
        await sleep(Math.random() * 5);
        if (n >= 100) running--;
        runs.set(n, (runs.get(n) ?? 0) + 1);
      },
    });
    const workers = [otherProcess, worker].map((client, index) =>
      startOutboxWorker(client, { handlers: handlers(), pollMs: 1, batch: 4, workerId: `w${index}`, clock: at(0), ...quiet }),
    );
    for (let waited = 0; waited < 20_000 && (await db.outboxJob.count({ where: { status: "pending" } })) > 0; waited += 20) await sleep(20);
    await Promise.all(workers.map((running) => running.stop()));
    expect(runs.size).toBe(70);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(overlapInKey).toBe(false);
    const claimedBy = new Set((await db.outboxJob.findMany({ select: { claimedBy: true } })).map((row) => row.claimedBy?.split("/")[0]));
    expect(claimedBy).toEqual(new Set(["w0", "w1"]));
  });
});
