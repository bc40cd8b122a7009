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
