import "server-only";
import { db, type Tx } from "../../db/client";
import type { CloudImage } from "../image-cloud";
import { changedCloudFields, LIVE_STATUSES, machineCloudFields, machineCloudSelect } from "../machine-fields";
import { importCloudImages, type Creator } from "./import-image";

export interface SyncCounts {
  seen: number;
  added: number;
  updated: number;
  retired: number;
  restored: number;
  skipped: number;
}

/** Statuses of a Glance image that retire its machine (SPEC §9): it can no longer be launched. */
const GONE_STATUSES = new Set(["deactivated", "killed", "deleted", "pending_delete"]);

/** Writes per transaction: short enough that the app's requests never wait long for the lock. */
const CHUNK = 100;

/** A write of the sync; `alone`: large enough to be a transaction of its own. */
type Write = ((tx: Tx) => Promise<void>) & { alone?: boolean };

const machineSelect = { alias: true, endDate: true, endedBySync: true, ...machineCloudSelect };

/**
 * Brings the provider's machines in line with what its Glance holds (SPEC §9). Everything is
 * compared first and only differences are written, so a sync that finds nothing new writes
 * nothing and the catalog's cache survives it.
 */
export async function applySync(provider: { id: number; name: string }, images: CloudImage[], now: Date): Promise<SyncCounts> {
  const counts: SyncCounts = { seen: images.length, added: 0, updated: 0, retired: 0, restored: 0, skipped: 0 };
  const machines = new Map(
    (await db.machine.findMany({ where: { providerId: provider.id }, select: machineSelect })).map((machine) => [machine.alias, machine]),
  );
  const writes: Write[] = [];
  const unknown: CloudImage[] = [];

  for (const image of images) {
    const machine = machines.get(image.id);
    if (!machine) {
      // Images being uploaded wait for a later sync; retired ones are not worth importing.
      if (image.status === "active") unknown.push(image);
      else counts.skipped++;
      continue;
    }
    machines.delete(image.id);
    const data: Record<string, unknown> = changedCloudFields(machine, machineCloudFields(image));
    if (GONE_STATUSES.has(image.status) && machine.endDate === null) {
      Object.assign(data, { endDate: now, endedBySync: true });
      counts.retired++;
    } else if (LIVE_STATUSES.has(image.status) && machine.endedBySync) {
      Object.assign(data, { endDate: null, endedBySync: false });
      counts.restored++;
    } else if (Object.keys(data).length > 0) counts.updated++;
    if (Object.keys(data).length > 0) writes.push((tx) => tx.machine.update({ where: { alias: machine.alias }, data }).then(() => undefined));
  }
  // What Glance no longer lists was deleted there.
  for (const machine of machines.values()) {
    if (machine.endDate !== null) continue;
    counts.retired++;
    writes.push((tx) => tx.machine.update({ where: { alias: machine.alias }, data: { endDate: now, endedBySync: true, cloudStatus: "deleted" } }).then(() => undefined));
  }

  writes.push(...(await placeUnknown(provider, unknown, counts)));
  for (const chunk of transactions(writes)) {
    await db.$transaction(async (tx) => {
      for (const write of chunk) await write(tx);
    });
  }
  return counts;
}

/** The writes grouped into transactions: up to CHUNK small ones together, a large one alone. */
function transactions(writes: Write[]): Write[][] {
  const groups: Write[][] = [];
  let current: Write[] = [];
  for (const write of writes) {
    if (write.alone) {
      groups.push([write]);
      continue;
    }
    current.push(write);
    if (current.length === CHUNK) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Images the catalog has no machine for: one carrying our properties joins its version (when that
 * version has no machine on this provider yet); any other becomes a new catalog image.
 */
async function placeUnknown(provider: { id: number; name: string }, images: CloudImage[], counts: SyncCounts): Promise<Write[]> {
  if (images.length === 0) return [];
  const claimed = images.filter((image) => image.atmosphere.image && image.atmosphere.version);
  const versions = claimed.length
    ? await db.version.findMany({
        where: { OR: claimed.map((image) => ({ imageId: image.atmosphere.image!, name: image.atmosphere.version! })) },
        select: { imageId: true, name: true, machines: { where: { providerId: provider.id }, select: { alias: true } } },
      })
    : [];
  const versionKey = (imageId: string, name: string) => `${imageId}\u0000${name}`;
  const known = new Map(versions.map((version) => [versionKey(version.imageId, version.name), version.machines.length > 0]));
  const creators = await creatorsByProject(provider.id, images);

  const writes: Write[] = [];
  const imports: { image: CloudImage; creator: Creator }[] = [];
  for (const image of images) {
    const key = image.atmosphere.image && image.atmosphere.version ? versionKey(image.atmosphere.image, image.atmosphere.version) : null;
    const taken = key === null ? undefined : known.get(key);
    if (taken === true) {
      // The version has its machine on this provider already: a copy is not a new image.
      counts.skipped++;
      continue;
    }
    if (taken === false) {
      known.set(key!, true);
      counts.added++;
      writes.push(async (tx) => {
        await tx.machine.create({
          data: { alias: image.id, imageId: image.atmosphere.image!, version: image.atmosphere.version!, providerId: provider.id, startDate: image.createdAt ?? undefined, ...machineCloudFields(image) },
        });
      });
      continue;
    }
    // No owner's identity and no staff user to own it: nobody could edit it.
    const creator = creators(image.owner);
    if (creator) imports.push({ image, creator });
    counts[creator ? "added" : "skipped"]++;
  }
  // A batch of imports is a write of its own: one transaction each.
  for (let start = 0; start < imports.length; start += CHUNK) {
    const batch = imports.slice(start, start + CHUNK);
    writes.push(Object.assign((tx: Tx) => importCloudImages(tx, provider.id, provider.name, batch), { alone: true }));
  }
  return writes;
}

/** Who an imported image is created by: the user whose identity owns its project, else the first staff user. */
async function creatorsByProject(providerId: number, images: CloudImage[]) {
  const owners = [...new Set(images.map((image) => image.owner).filter((owner): owner is string => owner !== null))];
  const [identities, staff] = await Promise.all([
    db.identity.findMany({ where: { providerId, projectId: { in: owners } }, select: { projectId: true, user: { select: { id: true, username: true } } }, orderBy: { createdAt: "asc" } }),
    db.user.findFirst({ where: { isStaff: true }, select: { id: true, username: true }, orderBy: { id: "asc" } }),
  ]);
  const byProject = new Map<string, { id: number; username: string }>();
  for (const identity of identities) if (!byProject.has(identity.projectId!)) byProject.set(identity.projectId!, identity.user);
  return (owner: string | null) => (owner !== null ? byProject.get(owner) : undefined) ?? staff;
}
