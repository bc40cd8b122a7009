import { Prisma } from "../db/client";
import { currentSql, endedSql } from "../db/current";
import type { Viewer } from "../auth/viewer";

/**
 * SPEC §2, the one visibility rule, as conditions on `images i`, in two disjoint parts:
 * - `everyone`: current and not private (rule 1), the same for every viewer, signed in or not;
 * - `viewerOnly`: what this viewer sees beyond it (rules 2–4), null for anonymous viewers.
 * Every list, page and endpoint uses them, and nothing filters images after fetching them. The
 * split lets a count of the catalog be the public count, remembered once for all viewers, plus
 * a small count of the viewer's own part, each answered from an index.
 *
 * `includeEndDated` adds the retired images a viewer may see (their own, or all for staff);
 * collections pass it only when asked, single-image look-ups always.
 */
export function visibilityParts(viewer: Viewer | null, now: Date, { includeEndDated = false } = {}) {
  const current = currentSql("i", now);
  const everyone = Prisma.sql`(i.private = FALSE AND ${current})`;
  if (!viewer) return { everyone, viewerOnly: null };
  // Private, or retired: everything outside the public part.
  const notPublic = includeEndDated ? Prisma.sql`(i.private = TRUE OR ${endedSql("i", now)})` : Prisma.sql`(i.private = TRUE AND ${current})`;
  if (viewer.isStaff) return { everyone, viewerOnly: notPublic };
  const sharedPrivate = Prisma.sql`(i.private = TRUE AND ${current} AND i.id IN (SELECT s.image_id FROM image_shares s WHERE s.user_id = ${viewer.id}))`;
  return { everyone, viewerOnly: Prisma.sql`((i.created_by_id = ${viewer.id} AND ${notPublic}) OR ${sharedPrivate})` };
}

type VisibilityParts = ReturnType<typeof visibilityParts>;

/** Both parts as one condition. */
export const anyPart = ({ everyone, viewerOnly }: VisibilityParts) => (viewerOnly ? Prisma.sql`(${everyone} OR ${viewerOnly})` : everyone);

export const visibleImagesSql = (viewer: Viewer | null, now: Date, options: { includeEndDated?: boolean } = {}) =>
  anyPart(visibilityParts(viewer, now, options));

/** Who may edit: the creator and staff. */
export const canEditImage = (viewer: Viewer | null, image: { createdById: number }) =>
  viewer !== null && (viewer.isStaff || viewer.id === image.createdById);
