import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";

interface Policy {
  /** Failures in a window before each try must wait. */
  free: number;
  /** Failures after which sign-in is refused for the lock time. */
  lock: number;
}

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
// Many people may share one address (a campus NAT), so an address gets more room than a username.
const POLICIES: Record<"user" | "ip", Policy> = { user: { free: 5, lock: 10 }, ip: { free: 20, lock: 50 } };

export interface ThrottleKeys {
  username: string;
  address: string | null;
}

const keysOf = ({ username, address }: ThrottleKeys) =>
  [["user", `user:${username.trim().toLowerCase()}`] as const, ...(address ? [["ip", `ip:${address}`] as const] : [])];

/** Refuses with 429 and Retry-After while the username or the address must wait. */
export async function assertNotThrottled(keys: ThrottleKeys, now = new Date()): Promise<void> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keysOf(keys).map(([, key]) => key) }, blockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil!.getTime()));
  if (until === 0) return;
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  throw new AppError(429, `Too many failed sign-ins. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`, undefined, {
    "Retry-After": String(seconds),
  });
}

/**
 * Counts a failure: past `free` failures in the window each further try waits twice as long as
 * the last (1 s, 2 s, 4 s…); at `lock` failures sign-in is refused for 15 minutes.
 */
export async function recordFailedSignIn(keys: ThrottleKeys, now = new Date()): Promise<void> {
  for (const [kind, key] of keysOf(keys)) {
    // A window that has passed starts again; the increment itself is atomic across processes.
    await db.signInThrottle.updateMany({ where: { key, firstFailure: { lt: new Date(now.getTime() - WINDOW_MS) } }, data: { failures: 0, firstFailure: now, blockedUntil: null } });
    const { failures } = await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, firstFailure: now },
      update: { failures: { increment: 1 } },
    });
    const policy = POLICIES[kind];
    const wait = failures >= policy.lock ? LOCK_MS : failures > policy.free ? 1000 * 2 ** (failures - policy.free - 1) : 0;
    if (wait > 0) await db.signInThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + wait) } });
  }
}

/** A successful sign-in clears its username's count (not the address's: others may share it). */
export async function clearFailedSignIns(username: string): Promise<void> {
  await db.signInThrottle.updateMany({ where: { key: `user:${username.trim().toLowerCase()}` }, data: { failures: 0, blockedUntil: null } });
}
