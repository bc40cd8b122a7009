import "server-only";
import { Prisma } from "../db/client";
import { committedRows } from "../db/committed-rows";
import type { Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { readImages, type ImageRow } from "./read-images";
import { visibleImagesSql } from "./visibility";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One image the viewer may see, or a 404: a hidden image answers exactly like a missing one. */
export async function findVisibleImage(viewer: Viewer | null, id: string): Promise<ImageRow> {
  const [image] = UUID.test(id)
    ? await readImages(committedRows, Prisma.sql`i.id = ${id.toLowerCase()} AND ${visibleImagesSql(viewer, new Date(), { includeEndDated: true })}`)
    : [];
  if (!image) throw notFound("No image with this id.");
  return image;
}
