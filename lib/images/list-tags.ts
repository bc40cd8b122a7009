import "server-only";
import type { TagJson } from "../api/response-schemas";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import { rememberedWhileCatalogHolds } from "./catalog-cache";
import { visibleImagesSql } from "./visibility";

/** Every tag on a current image the viewer can see, by key, with how many such images carry it. */
const visibleTags = (viewer: Viewer | null) =>
  rememberedWhileCatalogHolds(`tags:${viewer?.id ?? null}:${viewer?.isStaff ?? false}`, async (now) => {
    const rows = await db.$queryRaw<{ name: string; description: string; n: number | bigint }[]>`
      SELECT t.name, t.description, COUNT(*) AS n FROM tags t JOIN image_tags it ON it.tag_id = t.id
      WHERE it.image_id IN (SELECT i.id FROM images i WHERE ${visibleImagesSql(viewer, now)})
      GROUP BY t.id, t.name, t.description, t.key ORDER BY t.key`;
    return rows.map((row): TagJson => ({ name: row.name, description: row.description, image_count: Number(row.n) }));
  });

/**
 * Tags with how many current images the viewer can see under each. A tag on no image the
 * viewer can see is left out: its name alone could tell of a private image.
 */
export async function listTags(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<TagJson>> {
  const tags = await visibleTags(viewer);
  const { skip, take } = pageWindow(request);
  return toPage(url, request, tags.length, tags.slice(skip, skip + take));
}
