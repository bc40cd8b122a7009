import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { imageListWhere } from "./list-images";

export interface TagFacet {
  name: string;
  count: number;
}

/** The tags of the images a catalog query finds, most common first, with how many carry each. */
export async function tagFacets(viewer: Viewer | null, query: ImageListQuery, limit = 24): Promise<TagFacet[]> {
  const groups = await db.imageTag.groupBy({
    by: ["tagId"],
    where: { image: imageListWhere(viewer, query, new Date()) },
    _count: { imageId: true },
    orderBy: [{ _count: { imageId: "desc" } }, { tagId: "asc" }],
    take: limit,
  });
  const tags = await db.tag.findMany({ where: { id: { in: groups.map((group) => group.tagId) } }, select: { id: true, name: true } });
  const names = new Map(tags.map((tag) => [tag.id, tag.name]));
  return groups.map((group) => ({ name: names.get(group.tagId)!, count: group._count.imageId }));
}
