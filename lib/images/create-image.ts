import type { Tx } from "../db/client";
import { createVersionRecord, type NewMachine, type VersionDetails } from "../versions/create-version";
import { ensureTags } from "./tag-ids";
import { searchText } from "./tags";

export interface NewImage {
  name: string;
  description: string;
  createdBy: { id: number; username: string };
  tags: string[];
  private: boolean;
  sharedWithIds: number[];
  startDate?: Date;
  endDate?: Date | null;
  /** Its machines; each version name among them becomes a version, the later ones made from the earlier. */
  versions?: NewMachine[];
  /** Change logs, requirements and the like, by version name. */
  versionDetails?: Record<string, VersionDetails>;
}

/** Writes an image with its tags, shares, versions and machines; the one place images are created. */
export async function createImageRecord(tx: Tx, image: NewImage): Promise<string> {
  const tagIds = await ensureTags(tx, image.tags);
  const { id } = await tx.image.create({
    data: {
      name: image.name,
      description: image.description,
      createdById: image.createdBy.id,
      private: image.private,
      startDate: image.startDate,
      endDate: image.endDate ?? null,
      search: { create: { text: searchText({ ...image, creator: image.createdBy.username }) } },
      tags: { create: tagIds.map((tagId) => ({ tagId })) },
      sharedWith: { create: [...new Set(image.sharedWithIds)].map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  const machines = image.versions ?? [];
  const names = [...new Set(machines.map((machine) => machine.version))];
  const firstStart = (name: string) => Math.min(...machines.filter((machine) => machine.version === name).map((machine) => machine.startDate?.getTime() ?? Date.now()));
  let parentId: string | null = null;
  for (const name of names.sort((a, b) => firstStart(a) - firstStart(b))) {
    parentId = await createVersionRecord(tx, {
      imageId: id,
      name,
      createdById: image.createdBy.id,
      machines: machines.filter((machine) => machine.version === name),
      details: { parentId, ...image.versionDetails?.[name] },
    });
  }
  return id;
}
