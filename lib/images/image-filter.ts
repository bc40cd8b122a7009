import { dbKind, Prisma } from "../db/client";
import { currentSql } from "../db/current";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { searchSql, searchWords } from "./search";
import { tagKey } from "./tags";
import { anyPart, visibilityParts } from "./visibility";

/**
 * How a statement should find the images matching its search words and tags. `fromMatches`
 * starts from the matches (the full-text index, the tags' images): right for counting, and for
 * a page when few images match. `inOrder` walks the catalog in the page's order and checks each
 * image: right for a page of a common word or tag, found after a few dozen images, where
 * starting from the matches would sort thousands of them.
 */
export type MatchPlan = "fromMatches" | "inOrder";

/**
 * The chosen tags' ids by key (tagIdsByKey), when the statement is to name them. PostgreSQL plans
 * `tag_id = (SELECT id FROM tags WHERE key = …)` for an average tag, whatever the tag: for two
 * common ones it then joins and sorts their 49,000 images (85 ms at 100,000 images) where, told
 * the ids, it walks the catalog in order (6.7 ms). A key without an id is a tag no image carries.
 */
export type TagIds = ReadonlyMap<string, number>;

/** The condition on `images i` of a collection's parameters, visibility aside. */
export function imageFilterSql(viewer: Viewer | null, query: ImageListQuery, now: Date, plan: MatchPlan = "fromMatches", tagIds?: TagIds): Prisma.Sql {
  const words = searchWords(query.search);
  const conditions = [Prisma.sql`1 = 1`];
  if (words.length > 0) conditions.push(searchSql(words, plan));
  for (const name of query.tag) {
    const id = tagIds?.get(tagKey(name));
    const tagId = tagIds === undefined ? Prisma.sql`IN (SELECT t.id FROM tags t WHERE t.key = ${tagKey(name)})` : Prisma.sql`= ${id ?? null}`;
    const tagged = Prisma.sql`SELECT it.image_id FROM image_tags it WHERE it.tag_id ${tagId}`;
    conditions.push(plan === "inOrder" ? Prisma.sql`EXISTS (${tagged} AND it.image_id = i.id)` : Prisma.sql`i.id IN (${tagged})`);
  }
  if (query.created_by) conditions.push(Prisma.sql`i.created_by_id IN (SELECT u.id FROM users u WHERE u.username = ${query.created_by})`);
  if (query.shared_with_me) {
    conditions.push(viewer ? Prisma.sql`i.id IN (SELECT s.image_id FROM image_shares s WHERE s.user_id = ${viewer.id})` : Prisma.sql`1 = 0`);
  }
  if (query.bookmarked) conditions.push(viewer ? bookmarkedSql(viewer, plan) : Prisma.sql`1 = 0`);
  if (query.provider) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM image_versions v WHERE v.image_id = i.id AND v.provider_id = ${query.provider} AND ${currentSql("v", now)})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * The viewer's favorites: marked and not unmarked, read by the bookmarks key (user_id, image_id).
 * On PostgreSQL, ARRAY(…) makes the marks the start, looked up in images by key, as for search:
 * left to itself, for a few hundred marks it hash-joins a read of the whole images table.
 */
function bookmarkedSql(viewer: Viewer, plan: MatchPlan): Prisma.Sql {
  const marked = Prisma.sql`SELECT b.image_id FROM bookmarks b WHERE b.user_id = ${viewer.id} AND b.removed_at IS NULL`;
  if (dbKind === "postgresql") return Prisma.sql`i.id = ANY (ARRAY(${marked}))`;
  return plan === "inOrder" ? Prisma.sql`EXISTS (${marked} AND b.image_id = i.id)` : Prisma.sql`i.id IN (${marked})`;
}

/** The images a collection request finds: what the viewer may see, narrowed by the parameters. */
export const imageListSql = (viewer: Viewer | null, query: ImageListQuery, now: Date, plan?: MatchPlan, tagIds?: TagIds) =>
  Prisma.sql`${anyPart(visibilityParts(viewer, now, { includeEndDated: query.include_end_dated }))} AND ${imageFilterSql(viewer, query, now, plan, tagIds)}`;
