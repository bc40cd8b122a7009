import "server-only";
import type { Viewer } from "../auth/viewer";
import { db } from "../db/client";
import { visibleImageIds } from "../images/visible-image-ids";
import { canEditImage } from "../images/visibility";
import { nextVersionName } from "../versions/next-version";

export interface RequestOptions {
  /** The version the instance was launched from, when known and its image is the viewer's to see. */
  source: { imageId: string; imageName: string; version: string } | null;
  /** False when that version may not be imaged: no request can be made. */
  imageable: boolean;
  /** Whether the request may make the next version of that image (and so does by default). */
  mayAddVersion: boolean;
  /** The name a new version would get without one asked for. */
  nextVersion: string | null;
}

/** What the request form offers for one of the viewer's instances (SPEC §7): the same rules request-image.ts enforces. */
export async function requestOptions(viewer: Viewer, instanceAlias: string): Promise<RequestOptions> {
  const instance = await db.instance.findUnique({
    where: { alias: instanceAlias },
    select: { sourceVersion: { select: { name: true, allowImaging: true, image: { select: { id: true, name: true, createdById: true, versions: { select: { name: true } } } } } } },
  });
  const source = instance?.sourceVersion;
  if (!source) return { source: null, imageable: true, mayAddVersion: false, nextVersion: null };
  const visible = (await visibleImageIds(viewer, [source.image.id])).has(source.image.id);
  const mayAddVersion = source.allowImaging && canEditImage(viewer, source.image);
  return {
    source: visible ? { imageId: source.image.id, imageName: source.image.name, version: source.name } : null,
    imageable: source.allowImaging,
    mayAddVersion,
    nextVersion: mayAddVersion ? nextVersionName(source.image.versions.map((version) => version.name)) : null,
  };
}
