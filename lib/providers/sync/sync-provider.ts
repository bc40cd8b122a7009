import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { db } from "../../db/client";
import { CloudError } from "../../openstack/errors";
import { SecretsKeyError } from "../../secrets/secret-box";
import { cloudForProvider, connectionSelect } from "../connection";
import type { CloudImage } from "../image-cloud";
import { applySync, type SyncCounts } from "./apply-sync";

/**
 * How long a sync's claim holds; it is renewed with every page read. A process that died
 * mid-sync leaves the provider to others after it.
 */
const SYNC_LEASE_MS = 5 * 60_000;
/** Glance's page size (its default maximum is 1000). */
export const SYNC_PAGE_SIZE = 500;

export interface SyncResult extends SyncCounts {
  provider: number;
  providerName: string;
  durationMs: number;
  /** Empty when the sync worked. */
  error: string;
}

/** PROVIDER_SYNC_SECONDS: how often each openstack provider is synced (default 300; 0: never by the timer). */
export function syncIntervalSeconds(): number {
  const value = process.env.PROVIDER_SYNC_SECONDS?.trim();
  if (!value) return 300;
  if (!/^\d{1,7}$/.test(value)) throw new Error(`PROVIDER_SYNC_SECONDS must be a whole number of seconds (got "${value}")`);
  return Number(value);
}

// Every write here goes through $transaction: on SQLite the process has one connection, and a bare
// statement would run inside whatever transaction a request has open.

const leaseUntil = (now: number) => new Date(now + SYNC_LEASE_MS);

/**
 * Takes the provider's sync claim: one statement that only succeeds when nobody holds a live claim
 * (and, for the timer, when the provider is due), so that of all the processes on one database one
 * syncs it. A run left unfinished by a process that lost its claim is marked so.
 */
async function claimSync(providerId: number, claim: string, now: Date, onlyWhenDue: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({
      where: {
        id: providerId,
        kind: "openstack",
        active: true,
        OR: [{ syncClaimedUntil: null }, { syncClaimedUntil: { lt: now } }],
        ...(onlyWhenDue ? { AND: [{ OR: [{ syncDueAt: null }, { syncDueAt: { lte: now } }] }] } : {}),
      },
      data: { syncClaim: claim, syncClaimedUntil: leaseUntil(now.getTime()) },
    });
    if (count === 1) {
      await tx.providerSync.updateMany({ where: { providerId, finishedAt: null }, data: { finishedAt: now, error: "Not finished: the process syncing it stopped or lost its claim." } });
    }
    return count === 1;
  });
}

/** Renews the claim while the sync reads pages; false when another process has taken it. */
async function holdSync(providerId: number, claim: string): Promise<boolean> {
  const { count } = await db.$transaction((tx) => tx.provider.updateMany({ where: { id: providerId, syncClaim: claim }, data: { syncClaimedUntil: leaseUntil(Date.now()) } }));
  return count === 1;
}

async function releaseSync(providerId: number, claim: string) {
  const next = new Date(Date.now() + (syncIntervalSeconds() || 300) * 1000);
  await db.$transaction((tx) => tx.provider.updateMany({ where: { id: providerId, syncClaim: claim }, data: { syncClaim: null, syncClaimedUntil: null, syncDueAt: next } }));
}

class LostClaim extends Error {
  constructor() {
    super("Stopped: another process took over the sync (this one held its claim too long).");
  }
}

const describe = (error: unknown) =>
  error instanceof CloudError || error instanceof SecretsKeyError || error instanceof LostClaim ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;

/**
 * Syncs one openstack provider (SPEC §9), or answers null when another process is syncing it (or,
 * with onlyWhenDue, when it is not due). Every run is recorded, a failed one with its error; a
 * failure to read leaves the catalog as it was: nothing is written until every page has been read.
 */
export async function syncProvider(providerId: number, trigger: string, options: { onlyWhenDue?: boolean; pageSize?: number } = {}): Promise<SyncResult | null> {
  const claim = `${hostname()}:${process.pid}/${randomUUID()}`;
  if (!(await claimSync(providerId, claim, new Date(), options.onlyWhenDue ?? false))) return null;
  // The run starts once it holds the claim: runs recorded one after another never overlap.
  const startedAt = new Date();
  try {
    const provider = await db.provider.findUniqueOrThrow({ where: { id: providerId }, select: connectionSelect });
    const run = await db.$transaction((tx) => tx.providerSync.create({ data: { providerId, trigger: trigger.slice(0, 200), startedAt }, select: { id: true } }));
    let counts: SyncCounts = { seen: 0, added: 0, updated: 0, retired: 0, restored: 0, skipped: 0 };
    let error = "";
    try {
      const cloud = cloudForProvider(provider);
      const images: CloudImage[] = [];
      for await (const page of cloud.imagePages(options.pageSize ?? SYNC_PAGE_SIZE)) {
        images.push(...page);
        if (!(await holdSync(providerId, claim))) throw new LostClaim();
      }
      counts = await applySync(provider, images, new Date(), (id) => cloud.members(id));
    } catch (caught) {
      error = describe(caught).slice(0, 2000);
    }
    const durationMs = Date.now() - startedAt.getTime();
    await db.$transaction((tx) => tx.providerSync.update({ where: { id: run.id }, data: { ...counts, error, finishedAt: new Date(), durationMs } }));
    return { provider: providerId, providerName: provider.name, ...counts, durationMs, error };
  } finally {
    await releaseSync(providerId, claim);
  }
}

/** The providers the timer should look at: active openstack ones that are due. */
export async function dueProviderIds(now = new Date()): Promise<number[]> {
  const rows = await db.provider.findMany({
    where: { kind: "openstack", active: true, OR: [{ syncDueAt: null }, { syncDueAt: { lte: now } }] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}
