import type { Tx } from "../db/client";
import { ensureTags, searchText } from "./tags";

export interface NewImage {
  name: string;
  description: string;
  createdBy: { id: number; username: string };
  tags: string[];
  private: boolean;
  sharedWithIds: number[];
  startDate?: Date;
  endDate?: Date | null;
  versions: { version: string; providerId: number; startDate?: Date; endDate?: Date | null }[];
}

/** Writes an image with its tags, shares and versions; the one place images are created. */
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
      versions: { create: image.versions.map((version) => ({ ...version, endDate: version.endDate ?? null })) },
    },
    select: { id: true },
  });
  return id;
}
