import "server-only";
import { db, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { forbidden, preconditionFailed, unauthorized } from "../errors";
import { canEditImage } from "../images/visibility";
import { ifMatchAccepts } from "../http/etag";
import { rejectChangedReadOnlyFields } from "../read-only-fields";
import { VERSION_READ_ONLY_FIELDS, versionUpdateSchema, type VersionUpdate } from "../validations/versions";
import { findVisibleVersion } from "./get-version";
import { readVersions, type VersionRow } from "./read-versions";
import { toVersionJson, versionEtag, versionEtagFor } from "./serialize";
import { queueImagePushes } from "../providers/write-back/queue-push";

type Change = { from: unknown; to: unknown };

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
  if (ifMatch !== null && !ifMatchAccepts(ifMatch, versionEtag(version)) && !ifMatchAccepts(ifMatch, versionEtagFor(version))) throw preconditionFailed();
  const input = versionUpdateSchema.parse(body);
  rejectChangedReadOnlyFields(input, toVersionJson(version), VERSION_READ_ONLY_FIELDS);
  if (Object.keys(changedFields(version, input, new Date())).length === 0) return version;
  try {
    return await db.$transaction(async (tx) => {
      // The version's row first: concurrent edits of it take turns, each applied to what the one
      // before left (without If-Match none is lost; with it, a change meanwhile is a 412).
      const { revision } = await tx.version.update({ where: { id: version.id }, data: { revision: { increment: 1 } }, select: { revision: true } });
      if (ifMatch !== null && revision !== version.revision + 1) throw preconditionFailed();
      const [current] = await readVersions(viewer, image.id, version.name, tx);
      const changes = changedFields(current, input, new Date());
      if (Object.keys(changes).length === 0) throw new NothingToChange(current);
      await applyChanges(tx, current, changes);
      await tx.imageEdit.create({ data: { imageId: image.id, versionId: version.id, editorId: viewer.id, changes: JSON.stringify(changes) } });
      const [updated] = await readVersions(viewer, image.id, version.name, tx);
      return updated;
    });
  } catch (error) {
    if (error instanceof NothingToChange) return error.version;
    throw error;
  }
}

/** Someone else made the same change meanwhile: nothing is written (not even the revision). */
class NothingToChange extends Error {
  constructor(readonly version: VersionRow) {
    super("nothing to change");
  }
}

const FIELDS = { change_log: "changeLog", min_cpu: "minCpu", min_memory_gb: "minMemoryGb", min_disk_gb: "minDiskGb", allow_imaging: "allowImaging" } as const;

function changedFields(version: VersionRow, input: VersionUpdate, now: Date): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const [field, column] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    if (input[field] !== undefined && input[field] !== version[column]) changes[field] = { from: version[column], to: input[field] };
  }
  const retired = version.endDate !== null && version.endDate <= now;
  // A past date retires it now (the record then says when it really left); retired already, it stays as it was.
  const asked = input.end_date && input.end_date <= now ? (retired ? version.endDate : now) : input.end_date;
  if (asked !== undefined && asked?.getTime() !== version.endDate?.getTime()) {
    changes.end_date = { from: version.endDate?.toISOString() ?? null, to: asked?.toISOString() ?? null };
  }
  return changes;
}

async function applyChanges(tx: Tx, version: VersionRow, changes: Record<string, Change>) {
  const data = Object.fromEntries(Object.entries(FIELDS).filter(([field]) => field in changes).map(([field, column]) => [column, changes[field].to]));
  const ending = "end_date" in changes;
  const endDate = ending && changes.end_date.to !== null ? new Date(changes.end_date.to as string) : null;
  await tx.version.update({ where: { id: version.id }, data: { ...data, ...(ending ? { endDate } : {}) } });
  if (!ending) return;
  // Every machine goes with the version: the ones still current or ending later, and the ones it
  // had ended with it (a reschedule or a restore moves those too); a machine retired on its own,
  // earlier, stays so.
  const withTheVersion = version.endDate ? [{ endDate: version.endDate }] : [];
  await tx.machine.updateMany({
    where: {
      imageId: version.imageId,
      version: version.name,
      OR: endDate ? [{ endDate: null }, { endDate: { gt: endDate } }, ...withTheVersion] : withTheVersion,
    },
    data: { endDate },
  });
  // The image's JSON lists its machines: its ETag must change with them.
  await tx.image.update({ where: { id: version.imageId }, data: { revision: { increment: 1 } } });
  // Retired machines are deactivated in their clouds, restored ones reactivated (SPEC §9).
  await queueImagePushes(tx, { versionId: version.id, reason: `version ${version.name} ${endDate ? "retires" : "restored"}` });
}
