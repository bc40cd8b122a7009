import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";
import { AppError } from "../errors";
import { boundedQueue } from "../concurrency/bounded-queue";

// bcrypt's cost doubles the work per step; 11 is about 100 ms here. Tests lower it through
// BCRYPT_COST so that creating fixture users stays fast.
const cost = () => Number(process.env.BCRYPT_COST) || 11;

/**
 * Native bcrypt hashes on libuv's thread pool, never on the event loop. A burst of sign-ins
 * (an attack, or a class signing in at once) must not take every core from the requests being
 * served, nor every thread of the pool from file reads and compression, so checks run one fewer
 * at a time than there are cores (and than the pool has threads) and the rest wait in line; a
 * line too long to clear in a few seconds is refused at once instead.
 */
const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const passwordWork = boundedQueue({
  concurrency: Math.max(1, Math.min(availableParallelism(), THREAD_POOL_SIZE) - 1),
  maxWaiting: 64,
  onFull: () =>
    new AppError(503, "Too many sign-ins are being checked right now. Try again in a few seconds.", undefined, { "Retry-After": "2" }),
});

export const hashPassword = (password: string) => passwordWork(() => bcrypt.hash(password, cost()));
export const verifyPassword = (password: string, hash: string) => passwordWork(() => bcrypt.compare(password, hash));

const dummyHashes = new Map<number, Promise<string>>();
/** A hash of the current cost to check when the user does not exist, so that both cases take as long. */
export function hashOfNoUser(): Promise<string> {
  if (!dummyHashes.has(cost())) dummyHashes.set(cost(), bcrypt.hash("no such user", cost()));
  return dummyHashes.get(cost())!;
}
