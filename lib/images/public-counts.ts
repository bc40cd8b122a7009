import "server-only";
import { Prisma } from "../db/client";
import type { ImageListQuery } from "../validations/images";
import { searchWords } from "./search";
import type { TagIds } from "./image-filter";
import { tagKey } from "./tags";

/**
 * The public part of the catalog's counts and facets, read from the counts the database keeps
 * (public_counts, maintained by triggers in every writing transaction: see the public_counts
 * migrations) rather than computed over 100,000 images: the statements, which catalog-counts.ts
 * runs. They answer the catalog as it is browsed: nothing, one tag or two tags chosen. Anything
 * narrower (search words, a creator, a provider, shares, favorites) is computed by the plain
 * queries (catalog-counts.ts), and so are the facets of two tags (three-way, where the kept
 * counts hold pairs).
 *
 * The kept counts hold every public image, by tag pair and end date (see the
 * public_counts_by_end_date migration): the catalog now is the rows whose end date ("ends", a
 * stand-in far in the future for none) is still to come, so an image leaves the counts when its
 * end_date passes, though no write marks the moment.
 */

// The parameters these counts answer for; any other that is set narrows the catalog further.
const ANSWERED = new Set(["page", "page_size", "ordering", "include_end_dated", "tag", "search"]);

/** The tag keys of a query that the kept counts answer (at most two), or null when they do not. */
export function keptCountsAnswer(query: ImageListQuery): string[] | null {
  const narrower = Object.entries(query).some(([name, value]) => !ANSWERED.has(name) && value !== undefined && value !== false);
  const keys = [...new Set(query.tag.map(tagKey))];
  return narrower || searchWords(query.search).length > 0 || keys.length > 2 ? null : keys;
}

// The chosen tags' ids, in the order of their keys: null for a key no tag has (no image carries it).
const idsOf = (keys: string[], tagIds: TagIds) => keys.map((key) => tagIds.get(key) ?? null);

// The kept counts' rows of the catalog now: those of the images whose end date is still to come.
const currentRowsSql = (now: Date) => Prisma.sql`pc.ends > ${now}`;

// The rows of the kept counts for these tags, current now: (0, 0) for none, (a, a) for one,
// (a, b) for two.
const pairSql = (keys: string[], tagIds: TagIds, now: Date) => {
  const [first, second = first] = idsOf(keys, tagIds);
  const pair = keys.length === 0 ? Prisma.sql`pc.tag_id = 0 AND pc.other_tag_id = 0` : Prisma.sql`pc.tag_id = ${first} AND pc.other_tag_id = ${second}`;
  return Prisma.sql`${pair} AND ${currentRowsSql(now)}`;
};

/** How many public images the query finds now, when the kept counts answer it; else null. */
export function keptImageCountSql(query: ImageListQuery, tagIds: TagIds, now: Date): Prisma.Sql | null {
  const keys = keptCountsAnswer(query);
  if (!keys) return null;
  return Prisma.sql`SELECT coalesce(SUM(pc.images), 0) AS n FROM public_counts pc WHERE ${pairSql(keys, tagIds, now)}`;
}

/** Every tag on the public images the query finds now, with how many carry it, when the kept counts answer it (no tag or one chosen); else null. */
export function keptTagCountsSql(query: ImageListQuery, tagIds: TagIds, now: Date): Prisma.Sql | null {
  const keys = keptCountsAnswer(query);
  if (!keys || keys.length > 1) return null;
  // One tag: its rows of pairs, summed by the other tag, then named.
  if (keys.length === 1) {
    return Prisma.sql`
      SELECT t.name, t.description, t.key, c.n FROM (
        SELECT pc.other_tag_id, SUM(pc.images) AS n FROM public_counts pc WHERE pc.tag_id = ${idsOf(keys, tagIds)[0]} AND ${currentRowsSql(now)}
        GROUP BY pc.other_tag_id HAVING SUM(pc.images) > 0
      ) c JOIN tags t ON t.id = c.other_tag_id`;
  }
  // None: each tag's own rows, looked up from the tags (left to a join, PostgreSQL reads every
  // pair to find the 500 it needs). Materialized, so that SQLite sums them once, not again for
  // the filter.
  return Prisma.sql`
    WITH x AS MATERIALIZED (
      SELECT t.name, t.description, t.key, (SELECT SUM(pc.images) FROM public_counts pc WHERE pc.tag_id = t.id AND pc.other_tag_id = t.id AND ${currentRowsSql(now)}) AS n FROM tags t
    ) SELECT x.name, x.description, x.key, x.n FROM x WHERE x.n > 0`;
}
