import "server-only";
import { Prisma } from "../db/client";
import { committedRows } from "../db/committed-rows";
import type { Viewer } from "../auth/viewer";
import { imageListQuerySchema, type ImageListQuery } from "../validations/images";
import { rememberedFor, viewerKey } from "./catalog-cache";
import { imageFilterSql, type TagIds } from "./image-filter";
import { tagIdsByKey } from "./tag-ids";
import { keptCountsAnswer, keptImageCountSql, keptTagCountsSql } from "./public-counts";
import { visibilityParts } from "./visibility";

/**
 * Counts over a collection, made of the two parts of the visibility rule: the public part is
 * the same for every viewer and remembered once for all of them; the viewer's own part is small.
 * Each is remembered while the catalog holds still (catalog-cache.ts). The public part of the
 * catalog as it is browsed (nothing or tags chosen) is read from the counts the database keeps
 * (public-counts.ts), so that it costs little even right after a write.
 */
// Every other parameter is a filter, so that one added to the schema is part of the key by itself.
const NOT_FILTERS = new Set(["page", "page_size", "ordering"]);

function countedByPart<T>(kind: "images" | "tags", viewer: Viewer | null, query: ImageListQuery, run: (statement: Prisma.Sql) => Promise<T>): Promise<T[]> {
  const filters = Object.entries(query).filter(([name]) => !NOT_FILTERS.has(name));
  // The public part depends on who asks only through shared_with_me (and bookmarked, never kept).
  const publicAsker = query.shared_with_me || query.bookmarked ? viewerKey(viewer) : "anyone";
  const remember = rememberedFor(query);
  // Only the kept counts, which answer the public part, read the tags' ids.
  const part = (index: number, asker: string) =>
    remember(`${kind}:${index}:${asker}:${JSON.stringify(filters)}`, async (now) => {
      const tagIds = await tagIdsByKey(committedRows, index === 0 ? (keptCountsAnswer(query) ?? []) : []);
      return run(countStatements(viewer, query, tagIds, now)[index][kind]);
    });
  return Promise.all([part(0, publicAsker), ...(viewer ? [part(1, viewerKey(viewer))] : [])]);
}

/**
 * The statements that count a collection and its tags, one pair per visibility part: the public
 * part, read from the kept counts where they answer, then the viewer's, if any. The kept counts
 * are read by the chosen tags' ids (tagIdsByKey). The other statements look the tags up by key:
 * told the ids of two common tags, PostgreSQL reads the whole images table to count their tags.
 */
export function countStatements(viewer: Viewer | null, query: ImageListQuery, tagIds: TagIds, now: Date): { images: Prisma.Sql; tags: Prisma.Sql }[] {
  const { everyone, viewerOnly } = visibilityParts(viewer, now, { includeEndDated: query.include_end_dated });
  const filter = imageFilterSql(viewer, query, now);
  return [everyone, ...(viewerOnly ? [viewerOnly] : [])].map((part, index) => {
    const condition = Prisma.sql`${part} AND ${filter}`;
    return {
      images: (index === 0 && keptImageCountSql(query, tagIds, now)) || imageCountSql(condition),
      tags: (index === 0 && keptTagCountsSql(query, tagIds, now)) || tagCountSql(condition),
    };
  });
}

const imageCountSql = (condition: Prisma.Sql) => Prisma.sql`SELECT COUNT(*) AS n FROM images i WHERE ${condition}`;

// Grouped by tag id first, walking the images and their tags by index, then named: about twice
// as fast on SQLite as grouping the tags of the images found by a subquery.
export const tagCountSql = (condition: Prisma.Sql) => Prisma.sql`
  SELECT t.name, t.description, t.key, c.n FROM (
    SELECT it.tag_id, COUNT(*) AS n FROM images i JOIN image_tags it ON it.image_id = i.id WHERE ${condition} GROUP BY it.tag_id
  ) c JOIN tags t ON t.id = c.tag_id`;

async function countOf(statement: Prisma.Sql): Promise<number> {
  const [row] = await committedRows<{ n: number | bigint }>(statement);
  return Number(row.n);
}

async function tagCountsOf(statement: Prisma.Sql): Promise<TagCount[]> {
  const rows = await committedRows<{ name: string; description: string; key: string; n: number | bigint }>(statement);
  return rows.map(({ n, ...tag }) => ({ ...tag, count: Number(n) }));
}

/** How many images a collection request finds. */
export async function countImages(viewer: Viewer | null, query: ImageListQuery): Promise<number> {
  const parts = await countedByPart("images", viewer, query, countOf);
  return parts.reduce((sum, n) => sum + n, 0);
}

export interface TagCount {
  name: string;
  description: string;
  key: string;
  count: number;
}

/** Every tag on the images a collection request finds, with how many of them carry it, by key. */
export async function countTags(viewer: Viewer | null, query: ImageListQuery = imageListQuerySchema.parse({})): Promise<TagCount[]> {
  const parts = await countedByPart("tags", viewer, query, tagCountsOf);
  const byKey = new Map<string, TagCount>();
  for (const tag of parts.flat()) byKey.set(tag.key, { ...tag, count: (byKey.get(tag.key)?.count ?? 0) + tag.count });
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
