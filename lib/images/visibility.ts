import { Prisma } from "../db/client";
import { currentSql } from "../db/current";
import type { Viewer } from "../auth/viewer";

/**
 * SPEC §2, the one visibility rule, as the condition of a query on `images i`: every list, page
 * and endpoint uses it, and nothing filters images after fetching them.
 *
 * `includeEndDated` adds the retired images a viewer may see (their own, or all for staff);
 * collections pass it only when asked, single-image look-ups always.
 */
export function visibleImagesSql(viewer: Viewer | null, now: Date, { includeEndDated = false } = {}): Prisma.Sql {
  const current = currentSql("i", now);
  if (viewer?.isStaff) return includeEndDated ? Prisma.sql`1 = 1` : current;
  if (!viewer) return Prisma.sql`(${current} AND i.private = FALSE)`;
  const shared = Prisma.sql`EXISTS (SELECT 1 FROM image_shares s WHERE s.image_id = i.id AND s.user_id = ${viewer.id})`;
  return includeEndDated
    ? Prisma.sql`((${current} AND (i.private = FALSE OR ${shared})) OR i.created_by_id = ${viewer.id})`
    : Prisma.sql`(${current} AND (i.private = FALSE OR i.created_by_id = ${viewer.id} OR ${shared}))`;
}

/** Who may edit: the creator and staff. */
export const canEditImage = (viewer: Viewer | null, image: { createdById: number }) =>
  viewer !== null && (viewer.isStaff || viewer.id === image.createdById);
