import type { Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { canEditImage } from "./visibility";
import type { ImageJson } from "../api/response-schemas";

/** What one image's JSON needs, read in one query with its relations. */
export const imageSelect = {
  id: true,
  icon: true,
  name: true,
  description: true,
  startDate: true,
  endDate: true,
  private: true,
  revision: true,
  createdById: true,
  createdBy: { select: { username: true } },
  tags: { select: { tag: { select: { name: true } } } },
  versions: {
    select: { alias: true, version: true, startDate: true, endDate: true, providerId: true },
    orderBy: [{ startDate: "asc" }, { version: "asc" }, { providerId: "asc" }],
  },
  sharedWith: { select: { user: { select: { username: true } } } },
} satisfies Prisma.ImageSelect;

export type ImageRow = Prisma.ImageGetPayload<{ select: typeof imageSelect }>;

const byName = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" }) || a.localeCompare(b);
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toImageJson(image: ImageRow, viewer: Viewer | null): ImageJson {
  const json: ImageJson = {
    id: image.id,
    icon: image.icon,
    created_by: image.createdBy.username,
    name: image.name,
    tags: image.tags.map(({ tag }) => tag.name).sort(byName),
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
  if (canEditImage(viewer, image)) json.shared_with = image.sharedWith.map(({ user }) => user.username).sort(byName);
  return json;
}

/** A strong validator that changes with every edit. */
export const imageEtag = (image: { revision: number }) => `"r${image.revision}"`;
