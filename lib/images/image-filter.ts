import { Prisma } from "../db/client";
import { currentSql } from "../db/current";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { searchSql, searchWords } from "./search";
import { tagKey } from "./tags";
import { anyPart, visibilityParts } from "./visibility";

/** The condition on `images i` of a collection's parameters, visibility aside. */
export function imageFilterSql(viewer: Viewer | null, query: ImageListQuery, now: Date): Prisma.Sql {
  const words = searchWords(query.search);
  const conditions = [Prisma.sql`1 = 1`];
  if (words.length > 0) conditions.push(searchSql(words));
  // EXISTS, so that a page walks the ordering's index and stops once it has its images.
  for (const name of query.tag) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM image_tags it WHERE it.image_id = i.id AND it.tag_id IN (SELECT t.id FROM tags t WHERE t.key = ${tagKey(name)}))`);
  }
  if (query.created_by) conditions.push(Prisma.sql`i.created_by_id IN (SELECT u.id FROM users u WHERE u.username = ${query.created_by})`);
  if (query.shared_with_me) {
    conditions.push(viewer ? Prisma.sql`i.id IN (SELECT s.image_id FROM image_shares s WHERE s.user_id = ${viewer.id})` : Prisma.sql`1 = 0`);
  }
  if (query.provider) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM image_versions v WHERE v.image_id = i.id AND v.provider_id = ${query.provider} AND ${currentSql("v", now)})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** The images a collection request finds: what the viewer may see, narrowed by the parameters. */
export const imageListSql = (viewer: Viewer | null, query: ImageListQuery, now: Date) =>
  Prisma.sql`${anyPart(visibilityParts(viewer, now, { includeEndDated: query.include_end_dated }))} AND ${imageFilterSql(viewer, query, now)}`;
