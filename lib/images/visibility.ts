import type { Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";

/** Current until its end_date: none, or a moment still to come (images and their versions alike). */
export const currentWhere = (now: Date) => ({ OR: [{ endDate: null }, { endDate: { gt: now } }] });

/**
 * SPEC §2, the one visibility rule, as a query filter: every list, page and endpoint uses it,
 * and nothing filters images after fetching them.
 *
 * `includeEndDated` adds the retired images a viewer may see (their own, or all for staff);
 * collections pass it only when asked, single-image look-ups always.
 */
export function visibleImagesWhere(
  viewer: Viewer | null,
  now: Date,
  { includeEndDated = false }: { includeEndDated?: boolean } = {},
): Prisma.ImageWhereInput {
  const current = currentWhere(now);
  if (viewer?.isStaff) return includeEndDated ? {} : current;
  const publicCurrent: Prisma.ImageWhereInput = { AND: [current, { private: false }] };
  if (!viewer) return publicCurrent;
  const own: Prisma.ImageWhereInput = includeEndDated
    ? { createdById: viewer.id }
    : { AND: [current, { createdById: viewer.id }] };
  const sharedCurrent: Prisma.ImageWhereInput = {
    AND: [current, { private: true }, { sharedWith: { some: { userId: viewer.id } } }],
  };
  return { OR: [publicCurrent, own, sharedCurrent] };
}

/** Who may edit: the creator and staff. */
export const canEditImage = (viewer: Viewer | null, image: { createdById: number }) =>
  viewer !== null && (viewer.isStaff || viewer.id === image.createdById);
