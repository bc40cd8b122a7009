import "server-only";
import { db, type Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { pageWindow, toPage, type Page } from "../pagination";
import type { ImageJson } from "../api/response-schemas";
import { imageSelect, toImageJson } from "./serialize";
import { tagKey } from "./tags";
import { currentWhere, visibleImagesWhere } from "./visibility";

const ORDER_BY: Record<ImageListQuery["ordering"], Prisma.ImageOrderByWithRelationInput[]> = {
  name: [{ name: "asc" }, { id: "asc" }],
  "-name": [{ name: "desc" }, { id: "desc" }],
  start_date: [{ startDate: "asc" }, { id: "asc" }],
  "-start_date": [{ startDate: "desc" }, { id: "desc" }],
};

/**
 * The words of a search: runs of letters and digits, lower-cased. Punctuation separates words,
 * so LIKE's own wildcards (% and _) never reach the database as patterns.
 */
export const searchWords = (search = "") => search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The query filter for a collection request: what the viewer may see, narrowed by the parameters. */
export function imageListWhere(viewer: Viewer | null, query: ImageListQuery, now: Date): Prisma.ImageWhereInput {
  const words = searchWords(query.search);
  const filters: Prisma.ImageWhereInput[] = [
    visibleImagesWhere(viewer, now, { includeEndDated: query.include_end_dated }),
    ...words.map((word) => ({ searchText: { contains: word } })),
    ...query.tag.map((name) => ({ tags: { some: { tag: { key: tagKey(name) } } } })),
  ];
  if (query.created_by) filters.push({ createdBy: { username: query.created_by } });
  if (query.shared_with_me) filters.push(viewer ? { sharedWith: { some: { userId: viewer.id } } } : { id: { in: [] } });
  if (query.provider) filters.push({ versions: { some: { AND: [{ providerId: query.provider }, currentWhere(now)] } } });
  return { AND: filters };
}

export async function listImages(viewer: Viewer | null, query: ImageListQuery, url: URL): Promise<Page<ImageJson>> {
  const where = imageListWhere(viewer, query, new Date());
  const [count, rows] = await Promise.all([
    db.image.count({ where }),
    db.image.findMany({ where, select: imageSelect, orderBy: ORDER_BY[query.ordering], ...pageWindow(query) }),
  ]);
  return toPage(url, query, count, rows.map((row) => toImageJson(row, viewer)));
}
