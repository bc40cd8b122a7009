import "server-only";
import { Prisma } from "../db/client";
import { scheduledSql } from "../db/current";
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
 * The kept counts hold the public images with no end_date. Those whose end_date is still to come
 * (about 1% of a catalog) are counted here, live, from the (private, end_date, id) index: they
 * leave the catalog when the date passes, which no write marks.
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

// The row of the kept counts for these tags: (0, 0) for none, (a, a) for one, (a, b) for two.
const pairSql = (keys: string[], tagIds: TagIds) => {
  const [first, second = first] = idsOf(keys, tagIds);
  return keys.length === 0 ? Prisma.sql`pc.tag_id = 0 AND pc.other_tag_id = 0` : Prisma.sql`pc.tag_id = ${first} AND pc.other_tag_id = ${second}`;
};

// Public, current, and due to end: what the kept counts leave out, narrowed to these tags. The
// tags are checked image by image (a few hundred images), in a subquery no planner flattens:
// given EXISTS, PostgreSQL, which cannot tell a common tag from a rare one behind a look-up by
// key, joins every image carrying the tag instead. Named by id, the check takes SQLite half the
// time it takes behind a look-up by key (0.5 against 0.9 ms for two tags at 100,000 images).
const scheduledImagesSql = (keys: string[], tagIds: TagIds, now: Date) => {
  const scheduled = Prisma.sql`i.private = FALSE AND ${scheduledSql("i", now)}`;
  if (keys.length === 0) return scheduled;
  const carried = Prisma.sql`(SELECT COUNT(*) FROM image_tags it WHERE it.image_id = i.id AND it.tag_id IN (${Prisma.join(idsOf(keys, tagIds))}))`;
  return Prisma.sql`${scheduled} AND ${carried} = ${keys.length}`;
};

/** How many public images the query finds now, when the kept counts answer it; else null. */
export function keptImageCountSql(query: ImageListQuery, tagIds: TagIds, now: Date): Prisma.Sql | null {
  const keys = keptCountsAnswer(query);
  if (!keys) return null;
  return Prisma.sql`
    SELECT coalesce((SELECT pc.images FROM public_counts pc WHERE ${pairSql(keys, tagIds)}), 0)
      + (SELECT COUNT(*) FROM images i WHERE ${scheduledImagesSql(keys, tagIds, now)}) AS n`;
}

/** Every tag on the public images the query finds now, with how many carry it, when the kept counts answer it (no tag or one chosen); else null. */
export function keptTagCountsSql(query: ImageListQuery, tagIds: TagIds, now: Date): Prisma.Sql | null {
  const keys = keptCountsAnswer(query);
  if (!keys || keys.length > 1) return null;
  // One tag: its row of pairs. None: each tag's own row, looked up by key from the tags.
  const kept =
    keys.length === 1
      ? Prisma.sql`SELECT pc.other_tag_id AS tag_id, pc.images AS n FROM public_counts pc WHERE pc.tag_id = ${idsOf(keys, tagIds)[0]}`
      : // A look-up per tag: left to a join, PostgreSQL reads every pair to find the 500 it needs.
        Prisma.sql`SELECT t.id AS tag_id, (SELECT pc.images FROM public_counts pc WHERE pc.tag_id = t.id AND pc.other_tag_id = t.id) AS n FROM tags t`;
  return Prisma.sql`
    SELECT t.name, t.description, t.key, SUM(x.n) AS n FROM (
      ${kept}
      UNION ALL
      SELECT it.tag_id, COUNT(*) AS n FROM images i JOIN image_tags it ON it.image_id = i.id WHERE ${scheduledImagesSql(keys, tagIds, now)} GROUP BY it.tag_id
    ) x JOIN tags t ON t.id = x.tag_id
    GROUP BY t.id, t.name, t.description, t.key HAVING SUM(x.n) > 0`;
}
