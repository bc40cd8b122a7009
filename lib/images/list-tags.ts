import "server-only";
import type { TagJson } from "../api/response-schemas";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import { visibleImagesWhere } from "./visibility";

/**
 * Tags with how many current images the viewer can see under each. A tag on no image the
 * viewer can see is left out: its name alone could tell of a private image.
 */
export async function listTags(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<TagJson>> {
  const visible = { image: visibleImagesWhere(viewer, new Date()) };
  const where = { images: { some: visible } };
  const [count, rows] = await Promise.all([
    db.tag.count({ where }),
    db.tag.findMany({
      where,
      select: { name: true, description: true, _count: { select: { images: { where: visible } } } },
      orderBy: { key: "asc" },
      ...pageWindow(request),
    }),
  ]);
  return toPage(url, request, count, rows.map((row) => ({ name: row.name, description: row.description, image_count: row._count.images })));
}
