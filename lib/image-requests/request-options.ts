import "server-only";
import type { Viewer } from "../auth/viewer";
import { db } from "../db/client";
import { canEditImage } from "../images/visibility";
import { nextVersionName } from "../versions/next-version";

export interface RequestOptions {
  /** The version the instance was launched from, when known. */
  source: { imageId: string; imageName: string; version: string; allowImaging: boolean } | null;
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
  if (!source) return { source: null, mayAddVersion: false, nextVersion: null };
  const mayAddVersion = source.allowImaging && canEditImage(viewer, source.image);
  return {
    source: { imageId: source.image.id, imageName: source.image.name, version: source.name, allowImaging: source.allowImaging },
    mayAddVersion,
    nextVersion: mayAddVersion ? nextVersionName(source.image.versions.map((version) => version.name)) : null,
  };
}
