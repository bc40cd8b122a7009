import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";

/**
 * Which of these images (a page of cards the viewer was shown) the viewer marks. Read afresh for
 * every page: catalog pages are remembered for everyone, a viewer's stars are theirs alone.
 */
export async function bookmarkedAmong(viewer: Viewer | null, imageIds: string[]): Promise<Set<string>> {
  if (!viewer || imageIds.length === 0) return new Set();
  const rows = await db.bookmark.findMany({
    where: { userId: viewer.id, imageId: { in: [...new Set(imageIds)] }, removedAt: null },
    select: { imageId: true },
  });
  return new Set(rows.map((row) => row.imageId));
}
