import "server-only";
import { db, type Tx } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { badRequest, conflict, unauthorized } from "../errors";
import { createImageRecord } from "../images/create-image";
import { notify } from "../notifications/notify";
import { userIdsByUsername } from "../users/find-users";
import { requestMoveSchema } from "../validations/image-requests";
import { findVisibleRequest } from "./find-requests";
import { requestSelect, toRequestJson, type RequestRow } from "./serialize";
import { allowedMoves, isFinal, NEEDS_ADMIN_MESSAGE, STATUS_LABELS, type RequestStatus } from "./statuses";

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

  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const imageId = input.status === "completed" ? await createRequestedImage(tx, request) : undefined;
      const { count } = await tx.imageRequest.updateMany({
        where: { id: request.id, status: from },
        data: {
          status: input.status,
          ...(message ? { adminMessage: message } : {}),
          ...(imageId ? { imageId } : {}),
          ...(isFinal(input.status) ? { endDate: now, openInstance: null } : {}),
        },
      });
      if (count === 0) throw new MovedMeanwhile();
      await tx.imageRequestEvent.create({ data: { requestId: request.id, actorId: viewer.id, fromStatus: from, toStatus: input.status, message, at: now } });
      await notify(tx, { type: "request_moved", requestId: request.id, actorId: viewer.id });
      return tx.imageRequest.findUniqueOrThrow({ where: { id: request.id }, select: requestSelect });
    });
  } catch (error) {
    if (error instanceof MovedMeanwhile) throw conflict("Someone else moved this request meanwhile; read it again.");
    throw error;
  }
}

/** The image and its version "1" on the request's provider, as the request asked for them. */
async function createRequestedImage(tx: Tx, request: RequestRow): Promise<string> {
  const json = toRequestJson(request);
  const sharedWith = Array.isArray(json.vis) ? json.vis : [];
  return createImageRecord(tx, {
    name: json.name,
    description: json.description,
    createdBy: { id: request.createdById, username: json.created_by },
    tags: json.tags,
    private: json.vis !== "public",
    sharedWithIds: await userIdsByUsername(tx, sharedWith, "vis"),
    versions: [{ version: "1", providerId: request.providerId }],
  });
}
