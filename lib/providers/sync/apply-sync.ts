import "server-only";
import { committedReader, db, type Tx } from "../../db/client";
import type { CloudImage } from "../image-cloud";
import { changedCloudFields, GONE_STATUSES, LIVE_STATUSES, machineCloudFields, machineCloudSelect } from "../machine-fields";
import { CLOUD_PUSH_JOB, pushOrderKey } from "../write-back/queue-push";
import { placeUnknown } from "./place-unknown";

export interface SyncCounts {
  seen: number;
  added: number;
  updated: number;
  retired: number;
  restored: number;
  skipped: number;
}

/** Writes per transaction: short enough that the app's requests never wait long for the lock. */
const CHUNK = 100;

/**
 * A write of the sync. `touches`: the version whose machines it changes (its ETag and its image's
 * must change too); `alone`: large enough to be a transaction of its own.
 */
export type SyncWrite = ((tx: Tx) => Promise<unknown>) & { touches?: { imageId: string; version: string }; alone?: boolean };

const machineSelect = {
  alias: true,
  imageId: true,
  version: true,
  endDate: true,
  endedBySync: true,
  image: { select: { endDate: true } },
  versionOf: { select: { endDate: true } },
  ...machineCloudSelect,
};

const isPast = (date: Date | null, now: Date) => date !== null && date <= now;

/**
 * Brings the provider's machines in line with what its Glance holds (SPEC §9). Everything is
 * compared first and only differences are written, so a sync that finds nothing new writes
 * nothing and the catalog's cache survives it. Read from committed data only: on SQLite the app's
 * connection would show another request's transaction half done.
 */
export async function applySync(provider: { id: number; name: string }, images: CloudImage[], now: Date, membersOf: (id: string) => Promise<string[]>): Promise<SyncCounts> {
  const counts: SyncCounts = { seen: images.length, added: 0, updated: 0, retired: 0, restored: 0, skipped: 0 };
  const [machineRows, pending] = await Promise.all([
    committedReader.machine.findMany({ where: { providerId: provider.id }, select: machineSelect }),
    committedReader.outboxJob.findMany({ where: { kind: CLOUD_PUSH_JOB, status: "pending" }, select: { orderKey: true } }),
  ]);
  const machines = new Map(machineRows.map((machine) => [machine.alias, machine]));
  const pushing = new Set(pending.map((job) => job.orderKey));
  const writes: SyncWrite[] = [];
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
    // Deactivated by the catalog's own write-back (the image or version retired), or with a push
    // of the catalog's still on its way (a restore): the catalog decides, the sync does not retire it.
    const catalogsOwn = image.status === "deactivated" && (isPast(machine.image.endDate, now) || isPast(machine.versionOf.endDate, now) || pushing.has(pushOrderKey(machine.alias)));
    if (GONE_STATUSES.has(image.status) && machine.endDate === null && !catalogsOwn) {
      Object.assign(data, { endDate: now, endedBySync: true });
      counts.retired++;
    } else if (LIVE_STATUSES.has(image.status) && machine.endedBySync) {
      Object.assign(data, { endDate: null, endedBySync: false });
      counts.restored++;
    } else if (Object.keys(data).length > 0) counts.updated++;
    if (Object.keys(data).length > 0) writes.push(machineWrite(machine, data));
  }
  // What Glance no longer lists was deleted there.
  for (const machine of machines.values()) {
    if (machine.endDate !== null) continue;
    counts.retired++;
    writes.push(machineWrite(machine, { endDate: now, endedBySync: true, cloudStatus: "deleted" }));
  }

  writes.push(...(await placeUnknown(provider, unknown, counts, membersOf)));
  for (const chunk of transactions(writes)) {
    await db.$transaction(async (tx) => {
      for (const write of chunk) await write(tx);
      await bumpRevisions(tx, chunk);
    });
  }
  return counts;
}

const machineWrite = (machine: { alias: string; imageId: string; version: string }, data: Record<string, unknown>): SyncWrite =>
  Object.assign((tx: Tx) => tx.machine.update({ where: { alias: machine.alias }, data }), { touches: { imageId: machine.imageId, version: machine.version } });

/** The images and versions whose machines changed get new ETags, in the transaction that changed them. */
async function bumpRevisions(tx: Tx, chunk: SyncWrite[]) {
  const touched = [...new Map(chunk.flatMap((write) => (write.touches ? [[`${write.touches.imageId}\u0000${write.touches.version}`, write.touches] as const] : []))).values()];
  if (touched.length === 0) return;
  await tx.image.updateMany({ where: { id: { in: [...new Set(touched.map((key) => key.imageId))] } }, data: { revision: { increment: 1 } } });
  await tx.version.updateMany({ where: { OR: touched.map((key) => ({ imageId: key.imageId, name: key.version })) }, data: { revision: { increment: 1 } } });
}

/** The writes grouped into transactions: up to CHUNK small ones together, a large one alone. */
function transactions(writes: SyncWrite[]): SyncWrite[][] {
  const groups: SyncWrite[][] = [];
  let current: SyncWrite[] = [];
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
