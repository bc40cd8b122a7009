import "server-only";
import { db, Prisma } from "../db/client";
import { currentSql } from "../db/current";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { pageWindow, toPage, type Page } from "../pagination";
import type { ImageJson } from "../api/response-schemas";
import { rememberedWhileCatalogHolds } from "./catalog-cache";
import { searchSql, searchWords } from "./search";
import { readImages } from "./read-images";
import { toImageJson } from "./serialize";
import { tagKey } from "./tags";
import { visibleImagesSql } from "./visibility";

// Every ordering ends on the id, so that pages never overlap or skip an image.
const ORDER_BY: Record<ImageListQuery["ordering"], Prisma.Sql> = {
  name: Prisma.sql`i.name ASC, i.id ASC`,
  "-name": Prisma.sql`i.name DESC, i.id DESC`,
  start_date: Prisma.sql`i.start_date ASC, i.id ASC`,
  "-start_date": Prisma.sql`i.start_date DESC, i.id DESC`,
};

/** The condition on `images i` of a collection request: what the viewer may see, narrowed by the parameters. */
export function imageListSql(viewer: Viewer | null, query: ImageListQuery, now: Date): Prisma.Sql {
  const words = searchWords(query.search);
  const conditions = [visibleImagesSql(viewer, now, { includeEndDated: query.include_end_dated })];
  if (words.length > 0) conditions.push(searchSql(words));
  for (const name of query.tag) {
    conditions.push(Prisma.sql`i.id IN (SELECT it.image_id FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE t.key = ${tagKey(name)})`);
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

/**
 * What a collection's count and facets depend on besides the catalog itself: the viewer and
 * the filters (not the ordering or the page).
 */
export function imageListKey(viewer: Viewer | null, query: ImageListQuery): string {
  const { search, tag, created_by, provider, include_end_dated, shared_with_me } = query;
  return JSON.stringify([viewer?.id ?? null, viewer?.isStaff ?? false, searchWords(search), tag.map(tagKey).sort(), created_by, provider, include_end_dated, shared_with_me]);
}

const countImages = (viewer: Viewer | null, query: ImageListQuery) =>
  rememberedWhileCatalogHolds(`count:${imageListKey(viewer, query)}`, async (now) => {
    const [row] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM images i WHERE ${imageListSql(viewer, query, now)}`;
    return Number(row.n);
  });

export async function listImages(viewer: Viewer | null, query: ImageListQuery, url: URL): Promise<Page<ImageJson>> {
  const { skip, take } = pageWindow(query);
  const [count, rows] = await Promise.all([
    countImages(viewer, query),
    readImages(db, imageListSql(viewer, query, new Date()), Prisma.sql`ORDER BY ${ORDER_BY[query.ordering]} LIMIT ${take} OFFSET ${skip}`),
  ]);
  return toPage(url, query, count, rows.map((row) => toImageJson(row, viewer)));
}
