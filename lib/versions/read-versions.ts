import "server-only";
import { db, type Prisma, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { visibleImageIds } from "../images/visible-image-ids";
import { machineCloudSelect } from "../providers/machine-fields";

export const versionSelect = {
  id: true,
  imageId: true,
  name: true,
  changeLog: true,
  createdBy: { select: { username: true } },
  startDate: true,
  endDate: true,
  minCpu: true,
  minMemoryGb: true,
  minDiskGb: true,
  allowImaging: true,
  software: true,
  sys: true,
  exclude: true,
  revision: true,
  parent: { select: { name: true, image: { select: { id: true, name: true } } } },
  machines: { select: { alias: true, providerId: true, startDate: true, endDate: true, ...machineCloudSelect }, orderBy: [{ startDate: "asc" }, { providerId: "asc" }] },
} satisfies Prisma.VersionSelect;

/** A version as read for one viewer: its parent is left out when the viewer may not see the parent's image. */
export type VersionRow = Prisma.VersionGetPayload<{ select: typeof versionSelect }>;

/**
 * The versions of an image (whose visibility the caller has checked), oldest first, or the one
 * named (read through `client`: a transaction sees its own writes). Lineage leading into an
 * image the viewer may not see is not shown: its id would tell of a private image.
 */
export async function readVersions(viewer: Viewer | null, imageId: string, name?: string, client: Tx = db): Promise<VersionRow[]> {
  const versions = await client.version.findMany({
    where: { imageId, ...(name === undefined ? {} : { name }) },
    select: versionSelect,
    orderBy: [{ startDate: "asc" }, { name: "asc" }],
  });
  const elsewhere = versions.map((version) => version.parent?.image.id).filter((id): id is string => id !== undefined && id !== imageId);
  const seen = await visibleImageIds(viewer, elsewhere, client);
  seen.add(imageId);
  return versions.map((version) => ({ ...version, parent: version.parent && seen.has(version.parent.image.id) ? version.parent : null }));
}
