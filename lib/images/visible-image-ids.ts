import "server-only";
import { db, Prisma, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { visibleImagesSql } from "./visibility";

/**
 * Which of these images the viewer may see (SPEC §2, retired ones included), for what names other
 * images by the way: a version's parent, a request's or an instance's source. An id or a name of
 * an image one may not see would tell of it.
 */
export async function visibleImageIds(viewer: Viewer | null, ids: string[], client: Tx = db): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await client.$queryRaw<{ id: string }[]>`SELECT i.id FROM images i WHERE i.id IN (${Prisma.join(unique)}) AND ${visibleImagesSql(viewer, new Date(), { includeEndDated: true })}`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Rows that name another image by the way (a request's or an instance's source), with that part
 * left out where the viewer may not see the image.
 */
export async function withoutUnseenImages<T>(viewer: Viewer, rows: T[], imageOf: (row: T) => string | undefined, leaveOut: (row: T) => T): Promise<T[]> {
  const seen = await visibleImageIds(viewer, rows.map(imageOf).filter((id): id is string => id !== undefined));
  return rows.map((row) => {
    const id = imageOf(row);
    return id !== undefined && !seen.has(id) ? leaveOut(row) : row;
  });
}
