import "server-only";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { countTags } from "./catalog-counts";

export interface TagFacet {
  name: string;
  count: number;
}

/** The tags of the images a catalog query finds, most common first, with how many carry each. */
export async function tagFacets(viewer: Viewer | null, query: ImageListQuery, limit = 24): Promise<TagFacet[]> {
  const tags = await countTags(viewer, query);
  return tags
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
    .map(({ name, count }) => ({ name, count }));
}
