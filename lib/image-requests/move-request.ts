import "server-only";
import { db, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { badRequest, conflict, unauthorized } from "../errors";
import { createImageRecord } from "../images/create-image";
import { queueImagePushes } from "../providers/write-back/queue-push";
import { canEditImage } from "../images/visibility";
import { updateImageForNewVersion } from "../images/update-image";
import { createVersionRecord } from "../versions/create-version";
import { nextVersionName } from "../versions/next-version";
import { notify } from "../notifications/notify";
import { userIdsByUsername } from "../users/find-users";
import { requestMoveSchema } from "../validations/image-requests";
import { completionMachine, type CompletionMachine } from "./completion-machine";
import { findVisibleRequest, withVisibleSources } from "./find-requests";
import { requestSelect, toRequestJson, type RequestRow } from "./serialize";
import { allowedMoves, isFinal, NEEDS_ADMIN_MESSAGE, STATUS_LABELS, type RequestStatus } from "./statuses";
import { isUniqueViolation } from "../db/unique-violation";

/** Lost the race: someone moved the request between our read and our write. */
class MovedMeanwhile extends Error {}

/**
 * Moves a request along SPEC §4's table: anything the table does not allow this viewer is a 409
 * naming the moves that are allowed. Completing it creates the image in the same transaction.
 */
export async function moveRequest(viewer: Viewer | null, idParam: string | number, body: unknown): Promise<RequestRow> {
  if (!viewer) throw unauthorized();
  const request = await findVisibleRequest(viewer, idParam);
  const input = requestMoveSchema.parse(body);
  const from = request.status as RequestStatus;
  const allowed: RequestStatus[] = allowedMoves(from, { isStaff: viewer.isStaff, isRequester: viewer.id === request.createdById });
  if (!allowed.includes(input.status)) {
    throw conflict(
      `A request that is ${from} cannot be moved to ${input.status} by you; ${allowed.length ? `allowed: ${allowed.join(", ")}` : "no move is allowed"}.`,
      { status: [allowed.length ? `Allowed from ${from}: ${allowed.join(", ")}.` : `No move from ${from} is allowed.`] },
    );
  }
  const message = input.admin_message?.trim() ?? "";
  if (message && !viewer.isStaff) throw badRequest("Only staff write admin messages.", { admin_message: ["Only staff write admin messages."] });
  if (NEEDS_ADMIN_MESSAGE.includes(input.status) && !message) {
    throw badRequest(`Say why the request is ${input.status}.`, { admin_message: [`Required when the request is ${STATUS_LABELS[input.status].toLowerCase()}.`] });
  }

  if (input.alias && input.status !== "completed") throw badRequest("An alias is given only to complete a request.", { alias: ["Only with status completed."] });
  // The snapshot in the cloud is looked for before anything is locked.
  const machine = input.status === "completed" ? await completionMachine(request, input.alias) : undefined;

  try {
    const moved = await db.$transaction(async (tx) => {
      const now = new Date();
      // The move first: a second mover (or a second completion) of this request waits for the row,
      // finds it moved and stops before making anything.
      const { count } = await tx.imageRequest.updateMany({
        where: { id: request.id, status: from },
        data: {
          status: input.status,
          ...(message ? { adminMessage: message } : {}),
          ...(isFinal(input.status) ? { endDate: now, openInstance: null } : {}),
        },
      });
      if (count === 0) throw new MovedMeanwhile();
      if (machine) {
        const made = await makeRequestedVersion(tx, viewer, request, machine);
        await tx.imageRequest.update({ where: { id: request.id }, data: made });
        await queueImagePushes(tx, { versionId: made.versionId, reason: `request #${request.id} completed` });
      }
      await tx.imageRequestEvent.create({ data: { requestId: request.id, actorId: viewer.id, fromStatus: from, toStatus: input.status, message, at: now } });
      await notify(tx, { type: "request_moved", requestId: request.id, actorId: viewer.id });
      return tx.imageRequest.findUniqueOrThrow({ where: { id: request.id }, select: requestSelect });
    });
    return (await withVisibleSources(viewer, [moved]))[0];
  } catch (error) {
    if (error instanceof MovedMeanwhile) throw conflict("Someone else moved this request meanwhile; read it again.");
    if (isUniqueViolation(error)) throw conflict("The image got this version meanwhile; name another version, or complete the request again for the next one.");
    throw error;
  }
}

/**
 * What completing a request makes (SPEC §4, §7): a new image with its first version, or the next
 * version of the instance's source image; either way a version on the request's provider, made
 * from the version the instance was launched from.
 */
async function makeRequestedVersion(tx: Tx, viewer: Viewer, request: RequestRow, machine: CompletionMachine): Promise<{ imageId: string; versionId: string; versionName: string }> {
  const json = toRequestJson(request);
  const sharedWithIds = Array.isArray(json.vis) ? await userIdsByUsername(tx, json.vis, "vis") : [];
  const version = {
    createdById: request.createdById,
    machines: [{ providerId: request.providerId, ...machine }],
    details: {
      parentId: request.sourceVersionId,
      changeLog: request.changeLog,
      minCpu: request.minCpu,
      minMemoryGb: request.minMemoryGb,
      minDiskGb: request.minDiskGb,
      software: request.software,
      sys: request.sys,
      exclude: request.exclude,
    },
  };
  if (request.fork || !request.sourceVersionId) {
    const name = request.versionName ?? "1";
    const imageId = await createImageRecord(tx, {
      name: json.name,
      description: json.description,
      createdBy: { id: request.createdById, username: json.created_by },
      tags: json.tags,
      private: json.vis !== "public",
      sharedWithIds,
    });
    const versionId = await createVersionRecord(tx, { imageId, name, ...version });
    return { imageId, versionId, versionName: name };
  }
  const source = await tx.version.findUniqueOrThrow({ where: { id: request.sourceVersionId }, select: { imageId: true, allowImaging: true } });
  const imageId = source.imageId;
  // The image's row first: completions adding to one image take turns (on PostgreSQL the others
  // wait here, then see the versions it made), and its ETag changes, since versions[] will.
  const image = await tx.image.update({ where: { id: imageId }, data: { revision: { increment: 1 } }, select: { createdById: true } });
  const requester = await tx.user.findUniqueOrThrow({ where: { id: request.createdById }, select: { id: true, username: true, isStaff: true } });
  // What held at submission must hold still.
  if (!source.allowImaging) throw conflict("The version this instance was launched from may no longer be imaged (its allow_imaging is false).");
  if (!canEditImage(requester, image)) throw conflict("The requester may no longer edit the image this request would add a version to.");
  const taken = (await tx.version.findMany({ where: { imageId }, select: { name: true } })).map((existing) => existing.name);
  const name = request.versionName ?? nextVersionName(taken);
  if (taken.includes(name)) throw conflict(`The image already has a version ${name}; the request cannot add it again.`);
  const versionId = await createVersionRecord(tx, { imageId, name, ...version });
  await updateImageForNewVersion(tx, viewer, imageId, { description: json.description, tags: json.tags, vis: json.vis, sharedWithIds, requestId: request.id });
  return { imageId, versionId, versionName: name };
}
