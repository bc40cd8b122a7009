import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { rememberedWhileCatalogHolds } from "./catalog-cache";
import { imageListKey, imageListSql } from "./list-images";

export interface TagFacet {
  name: string;
  count: number;
}

/** The tags of the images a catalog query finds, most common first, with how many carry each. */
export const tagFacets = (viewer: Viewer | null, query: ImageListQuery, limit = 24): Promise<TagFacet[]> =>
  rememberedWhileCatalogHolds(`facets:${limit}:${imageListKey(viewer, query)}`, async (now) => {
    const rows = await db.$queryRaw<{ name: string; n: number | bigint }[]>`
      SELECT t.name, COUNT(*) AS n FROM image_tags it JOIN tags t ON t.id = it.tag_id
      WHERE it.image_id IN (SELECT i.id FROM images i WHERE ${imageListSql(viewer, query, now)})
      GROUP BY t.id, t.name ORDER BY n DESC, t.id ASC LIMIT ${limit}`;
    return rows.map((row) => ({ name: row.name, count: Number(row.n) }));
  });
