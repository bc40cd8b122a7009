import "server-only";
import { committedReader, type Tx } from "../../db/client";
import { FINAL_STATUSES } from "../../image-requests/statuses";
import type { CloudImage } from "../image-cloud";
import { machineCloudFields } from "../machine-fields";
import type { SyncCounts, SyncWrite } from "./apply-sync";
import { importCloudImages, type CloudImport } from "./import-image";

/** Imports per transaction. */
const BATCH = 100;

const versionKey = (imageId: string, name: string) => `${imageId}\u0000${name}`;

/**
 * Glance images the catalog has no machine for. One carrying our properties joins its version
 * (unless the version has its machine on this provider already: a copy is skipped). One carrying
 * atmosphere_request of a request still open is a snapshot waiting for staff to complete that
 * request: it is left to the completion. Any other becomes a new catalog image.
 */
export async function placeUnknown(provider: { id: number; name: string }, images: CloudImage[], counts: SyncCounts, membersOf: (id: string) => Promise<string[]>): Promise<SyncWrite[]> {
  if (images.length === 0) return [];
  const [versions, openRequests, people] = await Promise.all([claimedVersions(provider.id, images), openRequestIds(images), peopleOf(provider.id)]);
  const writes: SyncWrite[] = [];
  const imports: CloudImport[] = [];
  for (const image of images) {
    const key = image.atmosphere.image && image.atmosphere.version ? versionKey(image.atmosphere.image, image.atmosphere.version) : null;
    const taken = key === null ? undefined : versions.get(key);
    if (taken === true || (image.atmosphere.request && openRequests.has(image.atmosphere.request))) {
      counts.skipped++;
      continue;
    }
    if (taken === false) {
      versions.set(key!, true);
      counts.added++;
      const touches = { imageId: image.atmosphere.image!, version: image.atmosphere.version! };
      writes.push(
        Object.assign(
          (tx: Tx) => tx.machine.create({ data: { alias: image.id, ...touches, providerId: provider.id, startDate: image.createdAt ?? undefined, ...machineCloudFields(image) } }),
          { touches },
        ),
      );
      continue;
    }
    // No owner's identity and no staff user to own it: nobody could edit it.
    const creator = people.creator(image.owner);
    if (!creator) {
      counts.skipped++;
      continue;
    }
    // Shared in Glance: the members' users, through their identities, are its share list.
    const sharedWithIds = image.visibility === "shared" ? people.users(await membersOf(image.id)) : [];
    imports.push({ image, creator, sharedWithIds });
    counts.added++;
  }
  for (let start = 0; start < imports.length; start += BATCH) {
    const batch = imports.slice(start, start + BATCH);
    writes.push(Object.assign((tx: Tx) => importCloudImages(tx, provider.id, provider.name, batch), { alone: true }));
  }
  return writes;
}

/** For each (image, version) our properties name: whether it has a machine on this provider already. */
async function claimedVersions(providerId: number, images: CloudImage[]) {
  const claimed = images.filter((image) => image.atmosphere.image && image.atmosphere.version);
  const versions = claimed.length
    ? await committedReader.version.findMany({
        where: { OR: claimed.map((image) => ({ imageId: image.atmosphere.image!, name: image.atmosphere.version! })) },
        select: { imageId: true, name: true, machines: { where: { providerId }, select: { alias: true } } },
      })
    : [];
  return new Map(versions.map((version) => [versionKey(version.imageId, version.name), version.machines.length > 0]));
}

/** The ids (as Glance's property holds them, text) of the requests named that are not final yet. */
async function openRequestIds(images: CloudImage[]): Promise<Set<string>> {
  const ids = [...new Set(images.map((image) => image.atmosphere.request).filter((id): id is string => id !== undefined && /^\d{1,9}$/.test(id)))].map(Number);
  if (ids.length === 0) return new Set();
  const open = await committedReader.imageRequest.findMany({ where: { id: { in: ids }, status: { notIn: FINAL_STATUSES } }, select: { id: true } });
  return new Set(open.map((request) => String(request.id)));
}

/** The provider's people by Keystone project: who owns an imported image, and who a share names. */
async function peopleOf(providerId: number) {
  const [identities, staff] = await Promise.all([
    committedReader.identity.findMany({
      where: { providerId, projectId: { not: null } },
      select: { projectId: true, user: { select: { id: true, username: true } } },
      orderBy: { createdAt: "asc" },
    }),
    committedReader.user.findFirst({ where: { isStaff: true }, select: { id: true, username: true }, orderBy: { id: "asc" } }),
  ]);
  const byProject = new Map<string, { id: number; username: string }>();
  for (const identity of identities) if (!byProject.has(identity.projectId!)) byProject.set(identity.projectId!, identity.user);
  return {
    creator: (owner: string | null) => (owner !== null ? byProject.get(owner) : undefined) ?? staff,
    users: (projects: string[]) => [...new Set(projects.flatMap((project) => byProject.get(project)?.id ?? []))],
  };
}
