import "server-only";
import type { TagJson } from "../api/response-schemas";
import type { Viewer } from "../auth/viewer";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import { countTags } from "./catalog-counts";

/**
 * Tags with how many current images the viewer can see under each. A tag on no image the
 * viewer can see is left out: its name alone could tell of a private image.
 */
export async function listTags(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<TagJson>> {
  const tags = await countTags(viewer);
  const { skip, take } = pageWindow(request);
  return toPage(url, request, tags.length, tags.slice(skip, skip + take).map(({ name, description, count }) => ({ name, description, image_count: count })));
}
