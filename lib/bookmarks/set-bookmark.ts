import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { findVisibleImage } from "../images/get-image";
import { isUniqueViolation } from "../db/unique-violation";

/**
 * Marks or unmarks an image as one of the viewer's favorites (SPEC §8): 401 anonymous, 404 where
 * the image is hidden, exactly as reading it. Idempotent: marking a favorite again, or unmarking
 * what is not one, changes nothing. Nothing removes a row (SPEC §1): unmarking sets removed_at,
 * marking again clears it and dates the mark anew.
 *
 * A favorite of an image the viewer can no longer see stays as it is, unseen (it is neither
 * listed nor counted by the viewer's GET, which is a 404): it returns if the image does.
 */
export async function setBookmark(viewer: Viewer | null, imageId: string, marked: boolean): Promise<void> {
  if (!viewer) throw unauthorized("Sign in to keep favorites.");
  const image = await findVisibleImage(viewer, imageId);
  const key = { userId: viewer.id, imageId: image.id };
  const now = new Date();
  if (!marked) {
    await db.bookmark.updateMany({ where: { ...key, removedAt: null }, data: { removedAt: now } });
    return;
  }
  const { count } = await db.bookmark.updateMany({ where: { ...key, removedAt: { not: null } }, data: { removedAt: null, createdAt: now } });
  if (count > 0) return;
  try {
    await db.bookmark.create({ data: { ...key, createdAt: now } });
  } catch (error) {
    // Already a favorite: marked before, or by a request of the same viewer running beside this one.
    if (!isUniqueViolation(error)) throw error;
  }
}
