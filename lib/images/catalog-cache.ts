import "server-only";
import { Prisma } from "../db/client";
import { committedRows } from "../db/committed-rows";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { countCatalogCache } from "../ops/metrics";
import { CatalogLru } from "../catalog-lru";

/**
 * Counts and facets of collection queries, remembered while the catalog holds still.
 *
 * A count over 100,000 images costs milliseconds to tens of milliseconds; the page of results
 * beside it costs a fraction of one. What a count depends on changes in two ways only:
 * - a write to the catalog's tables: triggers bump `catalog_version` inside the writing
 *   transaction (see the search_index migration), so every app process sees the bump together
 *   with the write and no process serves a value remembered before it;
 * - time: an image or version whose end_date passes leaves the catalog. A value stays good until
 *   the next end_date after the moment it was computed, which one indexed look-up finds.
 * Everything remembered is read through `committedRows`, so a transaction of this process that
 * is still open (and may roll back) is never part of it.
 * `CATALOG_CACHE=off` computes every value every time (the benchmark measures both ways).
 */

// What the process may hold, measured as JSON: pages of long descriptions weigh what they are;
// one too large to share the budget (a thousand long descriptions) is not kept.
const ENABLED = process.env.CATALOG_CACHE !== "off";
const remembered = new CatalogLru<unknown>(32 * 1024 * 1024);
let horizon: { version: number; from: number; until: number } | null = null;

async function catalogVersion(): Promise<number> {
  const [row] = await committedRows<{ version: number | bigint }>(Prisma.sql`SELECT version FROM catalog_version WHERE id = 1`);
  return Number(row.version);
}

/** The next moment after `now` when an end_date passes (Infinity when none is scheduled). */
async function nextEndDate(version: number, now: Date): Promise<number> {
  if (horizon && horizon.version === version && horizon.from <= now.getTime() && now.getTime() < horizon.until) return horizon.until;
  const rows = await committedRows<{ at: Date | string | null }>(Prisma.sql`
    SELECT MIN(end_date) AS at FROM images WHERE end_date > ${now}
    UNION ALL SELECT MIN(end_date) AS at FROM image_versions WHERE end_date > ${now}`);
  const until = Math.min(...rows.map((row) => (row.at === null ? Infinity : new Date(row.at).getTime())));
  horizon = { version, from: now.getTime(), until };
  return until;
}

/**
 * What the catalog looks like now, in two numbers: its version, and the next moment an end_date
 * passes. Anything computed from the catalog alone stays right while both stay the same (the
 * collections' ETags are built from them). Read whether or not values are remembered.
 */
export async function catalogState(now = new Date()): Promise<{ version: number; until: number }> {
  const version = await catalogVersion();
  return { version, until: await nextEndDate(version, now) };
}

/** The part of a key that says who asks: their own images and shares, or staff's view. */
export const viewerKey = (viewer: Viewer | null) => (viewer ? `${viewer.id}${viewer.isStaff ? ":staff" : ""}` : "anonymous");

/**
 * `compute(now)`'s value for `key`, computed again only when the catalog changed or an end_date
 * passed since it was last computed. The key must name everything else the value depends on.
 */
export async function rememberedWhileCatalogHolds<T>(key: string, compute: (now: Date) => Promise<T>): Promise<T> {
  if (!ENABLED) return compute(new Date());
  // The version is read before anything is computed: a write landing in between makes the value
  // newer than its version, never older, so at worst it is computed once more.
  const version = await catalogVersion();
  const now = new Date();
  const kept = remembered.get(key, version, now.getTime());
  if (kept !== undefined) {
    countCatalogCache("hit");
    return kept as T;
  }
  countCatalogCache("miss");
  // Requests that miss together (every reader right after a write) share one computation of the
  // value for this version, rather than each making it.
  const flightKey = `${version} ${key}`;
  let flight = computing.get(flightKey);
  if (!flight) {
    flight = computeAndRemember(key, version, now, compute).finally(() => computing.delete(flightKey));
    computing.set(flightKey, flight);
  }
  const { value, until } = await flight;
  // Joined late, after an end_date passed: what was computed no longer holds for this request.
  return Date.now() < until ? (value as T) : compute(new Date());
}

const computing = new Map<string, Promise<{ value: unknown; until: number }>>();

async function computeAndRemember<T>(key: string, version: number, now: Date, compute: (now: Date) => Promise<T>) {
  const [value, until] = await Promise.all([compute(now), nextEndDate(version, now)]);
  remembered.keep(key, version, until, value, key.length + JSON.stringify(value).length);
  return { value, until };
}

/**
 * How a collection query's values are kept. Favorites (`bookmarked`) are not the catalog's: a
 * bookmark is no catalog write, so no trigger bumps the version for it, and a remembered value
 * would show a mark late. They are computed every time instead, which is cheap: the statements
 * start from one user's marks, read by the bookmarks key (user_id, image_id). Their values are
 * never kept, so no key can hand one viewer's favorites to another either.
 */
export const rememberedFor = (query: ImageListQuery): (<T>(key: string, compute: (now: Date) => Promise<T>) => Promise<T>) =>
  query.bookmarked ? (_key, compute) => compute(new Date()) : rememberedWhileCatalogHolds;
