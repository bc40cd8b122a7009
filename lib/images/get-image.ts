import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { imageSelect, type ImageRow } from "./serialize";
import { visibleImagesWhere } from "./visibility";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One image the viewer may see, or a 404: a hidden image answers exactly like a missing one. */
export async function findVisibleImage(viewer: Viewer | null, id: string): Promise<ImageRow> {
  const image = UUID.test(id)
    ? await db.image.findFirst({
        where: { AND: [{ id: id.toLowerCase() }, visibleImagesWhere(viewer, new Date(), { includeEndDated: true })] },
        select: imageSelect,
      })
    : null;
  if (!image) throw notFound("No image with this id.");
  return image;
}
