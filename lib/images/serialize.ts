import type { Viewer } from "../auth/viewer";
import { canEditImage } from "./visibility";
import type { ImageJson } from "../api/response-schemas";
import type { ImageRow } from "./read-images";

export type { ImageRow } from "./read-images";

const byName = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" }) || a.localeCompare(b);
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toImageJson(image: ImageRow, viewer: Viewer | null): ImageJson {
  const json: ImageJson = {
    id: image.id,
    icon: image.icon,
    created_by: image.creator,
    name: image.name,
    tags: [...image.tags].sort(byName),
    description: image.description,
    start_date: image.startDate.toISOString(),
    end_date: isoOrNull(image.endDate),
    private: image.private,
    versions: image.versions.map((version) => ({
      alias: version.alias,
      version: version.version,
      start_date: version.startDate.toISOString(),
      end_date: isoOrNull(version.endDate),
      provider: version.providerId,
    })),
  };
  if (canEditImage(viewer, image)) json.shared_with = [...image.sharedWith].sort(byName);
  return json;
}

/** A strong validator that changes with every edit: what If-Match is checked against. */
export const imageEtag = (image: { revision: number }) => `"r${image.revision}"`;

/**
 * The ETag of the image as `viewer` gets it. Those who may edit see `shared_with`, the others
 * do not: two representations, so two ETags, and a 304 never stands for the other one. The
 * editors' is the one If-Match takes.
 */
export const imageEtagFor = (image: { revision: number; createdById: number }, viewer: Viewer | null) =>
  canEditImage(viewer, image) ? imageEtag(image) : `"r${image.revision}-reader"`;
