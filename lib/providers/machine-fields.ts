import type { CloudImage } from "./image-cloud";

/** What a machine keeps of its cloud image (SPEC §9), as the machines table stores it. */
export interface MachineCloudFields {
  cloudStatus: string | null;
  size: bigint | null;
  diskFormat: string | null;
  checksum: string | null;
  minDisk: number | null;
  minRam: number | null;
  osDistro: string | null;
  osVersion: string | null;
  architecture: string | null;
}

export const MACHINE_CLOUD_COLUMNS = ["cloudStatus", "size", "diskFormat", "checksum", "minDisk", "minRam", "osDistro", "osVersion", "architecture"] as const;

export const machineCloudSelect = Object.fromEntries(MACHINE_CLOUD_COLUMNS.map((column) => [column, true])) as Record<(typeof MACHINE_CLOUD_COLUMNS)[number], true>;

export const machineCloudFields = (image: CloudImage): MachineCloudFields => ({
  cloudStatus: image.status,
  size: image.size === null ? null : BigInt(image.size),
  diskFormat: image.diskFormat,
  checksum: image.checksum,
  minDisk: image.minDisk,
  minRam: image.minRam,
  osDistro: image.osDistro,
  osVersion: image.osVersion,
  architecture: image.architecture,
});

/** The columns that differ between what a machine holds and what its cloud reports now. */
export function changedCloudFields(held: MachineCloudFields, now: MachineCloudFields): Partial<MachineCloudFields> {
  return Object.fromEntries(MACHINE_CLOUD_COLUMNS.filter((column) => held[column] !== now[column]).map((column) => [column, now[column]]));
}

/** The Glance status of an image that may be launched: its machine is current. */
export const LIVE_STATUSES = new Set(["active"]);
/** Statuses that retire a machine (SPEC §9): its image can no longer be launched. */
export const GONE_STATUSES = new Set(["deactivated", "killed", "deleted", "pending_delete"]);
