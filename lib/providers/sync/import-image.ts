import type { Tx } from "../../db/client";
import { createImageRecord } from "../../images/create-image";
import { TAG_NAME_MAX, TAGS_MAX, foldDuplicates } from "../../validations/common";
import type { CloudImage } from "../image-cloud";
import { machineCloudFields } from "../machine-fields";

const NAME_MAX = 256;
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Glance allows names and tags the catalog does not: they are cleaned to the catalog's rules. */
export const catalogName = (image: CloudImage) => image.name.replace(CONTROL, " ").trim().slice(0, NAME_MAX) || `Glance image ${image.id.slice(0, 8)}`;

export const catalogTags = (image: CloudImage) =>
  foldDuplicates(image.tags.map((tag) => tag.replace(CONTROL, " ").replaceAll(",", " ").trim().slice(0, TAG_NAME_MAX)).filter(Boolean)).slice(0, TAGS_MAX);

/**
 * A Glance image the catalog does not know becomes a catalog image with version "1" (SPEC §9):
 * created by the user whose identity owns its project (else the first staff user), private
 * unless Glance shows it to everyone.
 */
export async function importCloudImage(tx: Tx, providerId: number, image: CloudImage, creator: { id: number; username: string }, providerName: string): Promise<void> {
  await createImageRecord(tx, {
    name: catalogName(image),
    description: `Found in ${providerName}'s image service.`,
    createdBy: creator,
    tags: catalogTags(image),
    private: image.visibility !== "public" && image.visibility !== "community",
    sharedWithIds: [],
    startDate: image.createdAt ?? undefined,
    versions: [{ version: "1", providerId, alias: image.id, cloud: machineCloudFields(image), startDate: image.createdAt ?? undefined }],
  });
}
