import "server-only";
import type { Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { findVisibleImage } from "../images/get-image";
import type { ImageRow } from "../images/read-images";
import { VERSION_NAME_PATTERN } from "../validations/versions";
import type { VersionJson } from "../api/response-schemas";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import { readVersions, type VersionRow } from "./read-versions";
import { toVersionJson } from "./serialize";

/** The versions of an image the viewer may see, oldest first, a page of them; 404 as for the image itself. */
export async function listVersions(viewer: Viewer | null, imageId: string, request: PageRequest, url: URL): Promise<Page<VersionJson>> {
  const image = await findVisibleImage(viewer, imageId);
  const versions = await readVersions(viewer, image.id);
  const { skip, take } = pageWindow(request);
  return toPage(url, request, versions.length, versions.slice(skip, skip + take).map(toVersionJson));
}

/** One version of an image the viewer may see, with its image; 404 when either is missing or hidden. */
export async function findVisibleVersion(viewer: Viewer | null, imageId: string, name: string): Promise<{ image: ImageRow; version: VersionRow }> {
  const image = await findVisibleImage(viewer, imageId);
  const [version] = VERSION_NAME_PATTERN.test(name) ? await readVersions(viewer, image.id, name) : [];
  if (!version) throw notFound("This image has no such version.");
  return { image, version };
}
