import "server-only";
import { db, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { badRequest, forbidden, preconditionFailed, unauthorized, type FieldErrors } from "../errors";
import { canEditImage } from "../images/visibility";
import { ifMatchAccepts } from "../http/etag";
import { jsonEqual } from "../json-equal";
import { VERSION_READ_ONLY_FIELDS, versionUpdateSchema, type VersionUpdate } from "../validations/versions";
import { findVisibleVersion } from "./get-version";
import { readVersions, type VersionRow } from "./read-versions";
import { toVersionJson, versionEtag } from "./serialize";

type Change = { from: unknown; to: unknown };

/** Another writer got there between our read and our write. */
class StaleRead extends Error {}

/**
 * Edits a version (SPEC §7): its change log, requirements, whether it may be imaged, and its
 * end_date, which retires or restores it on every provider. The image's rules hold: 401
 * anonymous, 404 hidden, 403 not the creator or staff, 412 a stale If-Match; the audit record
 * names the version.
 */
export async function updateVersion(viewer: Viewer | null, imageId: string, name: string, body: unknown, ifMatch: string | null): Promise<VersionRow> {
  if (!viewer) throw unauthorized();
  const { image, version } = await findVisibleVersion(viewer, imageId, name);
  if (!canEditImage(viewer, image)) throw forbidden("Only the image's creator or staff may edit its versions.");
  if (ifMatch !== null && !ifMatchAccepts(ifMatch, versionEtag(version))) throw preconditionFailed();
  const input = versionUpdateSchema.parse(body);
  rejectChangedReadOnlyFields(input, version);
  const changes = changedFields(version, input, new Date());
  if (Object.keys(changes).length === 0) return version;
  try {
    return await db.$transaction(async (tx) => {
      await applyChanges(tx, version, changes);
      await tx.imageEdit.create({ data: { imageId: image.id, versionId: version.id, editorId: viewer.id, changes: JSON.stringify(changes) } });
      const [updated] = await readVersions(viewer, image.id, version.name, tx);
      return updated;
    });
  } catch (error) {
    throw error instanceof StaleRead ? preconditionFailed("The version has changed since you read it; read it again.") : error;
  }
}

function rejectChangedReadOnlyFields(input: VersionUpdate, version: VersionRow) {
  const current = toVersionJson(version);
  const errors: FieldErrors = {};
  for (const field of VERSION_READ_ONLY_FIELDS) {
    if (input[field] !== undefined && !jsonEqual(input[field], current[field])) errors[field] = ["This field is read-only."];
  }
  if (Object.keys(errors).length > 0) throw badRequest("Read-only fields cannot be changed.", errors);
}

const FIELDS = { change_log: "changeLog", min_cpu: "minCpu", min_memory_gb: "minMemoryGb", min_disk_gb: "minDiskGb", allow_imaging: "allowImaging" } as const;

function changedFields(version: VersionRow, input: VersionUpdate, now: Date): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const [field, column] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    if (input[field] !== undefined && input[field] !== version[column]) changes[field] = { from: version[column], to: input[field] };
  }
  if (input.end_date !== undefined && input.end_date?.getTime() !== version.endDate?.getTime()) {
    // A past date retires it now: the record then says when it really left.
    const endDate = input.end_date && input.end_date < now ? now : input.end_date;
    changes.end_date = { from: version.endDate?.toISOString() ?? null, to: endDate?.toISOString() ?? null };
  }
  return changes;
}

async function applyChanges(tx: Tx, version: VersionRow, changes: Record<string, Change>) {
  const data = Object.fromEntries(Object.entries(FIELDS).filter(([field]) => field in changes).map(([field, column]) => [column, changes[field].to]));
  const ending = "end_date" in changes;
  const endDate = ending && changes.end_date.to !== null ? new Date(changes.end_date.to as string) : null;
  const { count } = await tx.version.updateMany({
    where: { id: version.id, revision: version.revision },
    data: { ...data, ...(ending ? { endDate } : {}), revision: { increment: 1 } },
  });
  if (count === 0) throw new StaleRead();
  if (!ending) return;
  // Every machine goes with the version: retired ones that are still current, restored the ones
  // it had retired (a machine retired on its own, earlier, stays so).
  await tx.machine.updateMany({
    where: endDate ? { imageId: version.imageId, version: version.name, OR: [{ endDate: null }, { endDate: { gt: endDate } }] } : { imageId: version.imageId, version: version.name, endDate: version.endDate },
    data: { endDate },
  });
  // The image's JSON lists its machines: its ETag must change with them.
  await tx.image.update({ where: { id: version.imageId }, data: { revision: { increment: 1 } } });
}
