import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client";
import { ensureTags } from "../../images/tag-ids";
import { searchText, tagKey } from "../../images/tags";
import { TAG_NAME_MAX, TAGS_MAX, foldDuplicates } from "../../validations/common";
import type { CloudImage } from "../image-cloud";
import { machineCloudFields } from "../machine-fields";

const NAME_MAX = 256;
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Glance allows names and tags the catalog does not: they are cleaned to the catalog's rules. */
export const catalogName = (image: CloudImage) => image.name.replace(CONTROL, " ").trim().slice(0, NAME_MAX) || `Glance image ${image.id.slice(0, 8)}`;

export const catalogTags = (image: CloudImage) =>
  foldDuplicates(image.tags.map((tag) => tag.replace(CONTROL, " ").replaceAll(",", " ").trim().slice(0, TAG_NAME_MAX)).filter(Boolean)).slice(0, TAGS_MAX);

export interface CloudImport {
  image: CloudImage;
  creator: { id: number; username: string };
  /** The users whose projects Glance lists as its members. */
  sharedWithIds: number[];
}

/**
 * Glance images the catalog does not know become catalog images with version "1" (SPEC §9):
 * created by the user whose identity owns the project (else the first staff user), private
 * unless Glance shows them to everyone, tagged with their Glance tags, shared with the users of
 * their member projects. A batch is written with a
 * handful of multi-row inserts (a first sync may find thousands); the database's triggers keep
 * the search index and the catalog version as for any other write.
 */
export async function importCloudImages(tx: Tx, providerId: number, providerName: string, batch: CloudImport[]): Promise<void> {
  // A request completed meanwhile may have recorded one of them.
  const recorded = new Set((await tx.machine.findMany({ where: { alias: { in: batch.map(({ image }) => image.id) } }, select: { alias: true } })).map((row) => row.alias));
  const rows = batch
    .filter(({ image }) => !recorded.has(image.id))
    .map(({ image, creator, sharedWithIds }) => ({ image, creator, sharedWithIds, id: randomUUID(), versionId: randomUUID(), name: catalogName(image), tags: catalogTags(image), startDate: image.createdAt ?? new Date() }));
  if (rows.length === 0) return;
  const description = `Found in ${providerName}'s image service.`;
  await tx.image.createMany({
    data: rows.map((row) => ({
      id: row.id,
      name: row.name,
      description,
      createdById: row.creator.id,
      private: row.image.visibility !== "public" && row.image.visibility !== "community",
      startDate: row.startDate,
    })),
  });
  await tx.imageSearch.createMany({ data: rows.map((row) => ({ imageId: row.id, text: searchText({ name: row.name, description, tags: row.tags, creator: row.creator.username }) })) });
  const names = foldDuplicates(rows.flatMap((row) => row.tags));
  const tagIds = new Map(names.map((name, index) => [tagKey(name), index]));
  const ids = await ensureTags(tx, names);
  const imageTags = rows.flatMap((row) => row.tags.map((tag) => ({ imageId: row.id, tagId: ids[tagIds.get(tagKey(tag))!] })));
  if (imageTags.length > 0) await tx.imageTag.createMany({ data: imageTags });
  const shares = rows.flatMap((row) => row.sharedWithIds.map((userId) => ({ imageId: row.id, userId })));
  if (shares.length > 0) await tx.imageShare.createMany({ data: shares });
  await tx.version.createMany({ data: rows.map((row) => ({ id: row.versionId, imageId: row.id, name: "1", createdById: row.creator.id, startDate: row.startDate })) });
  await tx.machine.createMany({
    data: rows.map((row) => ({ alias: row.image.id, imageId: row.id, version: "1", providerId, startDate: row.startDate, ...machineCloudFields(row.image) })),
  });
}
