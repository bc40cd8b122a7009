import { createHash } from "node:crypto";
import type { VersionJson } from "../api/response-schemas";
import type { VersionRow } from "./read-versions";

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toVersionJson(version: VersionRow): VersionJson {
  return {
    version: version.name,
    change_log: version.changeLog,
    parent: version.parent && { image: version.parent.image.id, image_name: version.parent.image.name, version: version.parent.name },
    created_by: version.createdBy.username,
    start_date: version.startDate.toISOString(),
    end_date: isoOrNull(version.endDate),
    min_cpu: version.minCpu,
    min_memory_gb: version.minMemoryGb,
    min_disk_gb: version.minDiskGb,
    allow_imaging: version.allowImaging,
    software: version.software,
    sys: version.sys,
    exclude: version.exclude,
    machines: version.machines.map((machine) => ({
      alias: machine.alias,
      provider: machine.providerId,
      start_date: machine.startDate.toISOString(),
      end_date: isoOrNull(machine.endDate),
      status: machine.cloudStatus,
      size: machine.size === null ? null : Number(machine.size),
      disk_format: machine.diskFormat,
      checksum: machine.checksum,
      min_disk: machine.minDisk,
      min_ram: machine.minRam,
      os_distro: machine.osDistro,
      os_version: machine.osVersion,
      architecture: machine.architecture,
    })),
  };
}

/** A strong validator that changes with every edit of the version. */
export const versionEtag = (version: { revision: number }) => `"v${version.revision}"`;

/**
 * The ETag of the version as this viewer is shown it. Its `parent` names another image, which
 * is shown only to those who may see that image and changes with it (a rename, a share, a
 * passing end date) while this version's revision stays: so the parent as shown is part of the
 * ETag. Without a parent shown it is the revision's. If-Match takes either.
 */
export function versionEtagFor(version: Pick<VersionRow, "revision" | "parent">): string {
  if (!version.parent) return versionEtag(version);
  const shown = createHash("sha256").update(JSON.stringify([version.parent.name, version.parent.image.id, version.parent.image.name])).digest("base64url");
  return `"v${version.revision}-${shown.slice(0, 16)}"`;
}
