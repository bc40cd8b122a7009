import "server-only";
import { db } from "../db/client";
import type { BookmarkJson } from "../api/response-schemas";
import type { Viewer } from "../auth/viewer";
import { findVisibleImage } from "../images/get-image";

/** Whether the viewer marks an image they may see, and how many people do; 404 where it is hidden. */
export async function getBookmark(viewer: Viewer | null, imageId: string): Promise<BookmarkJson> {
  return bookmarkOf(viewer, (await findVisibleImage(viewer, imageId)).id);
}

/**
 * The same for an image already found visible (the image page has read it). The count is of
 * every current mark, also of people who can no longer see the image: a number tells nothing
 * of who they are. Both come from an index: (image_id, removed_at) and the key (user_id, image_id).
 */
export async function bookmarkOf(viewer: Viewer | null, visibleImageId: string): Promise<BookmarkJson> {
  const [count, own] = await Promise.all([
    db.bookmark.count({ where: { imageId: visibleImageId, removedAt: null } }),
    viewer ? db.bookmark.findUnique({ where: { userId_imageId: { userId: viewer.id, imageId: visibleImageId } }, select: { removedAt: true } }) : null,
  ]);
  return { bookmarked: own !== null && own.removedAt === null, count };
}
