import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { badRequest, conflict, notFound, unauthorized } from "../errors";
import { currentWhere } from "../db/current";
import { notify } from "../notifications/notify";
import { userIdsByUsername } from "../users/find-users";
import { requestImageSchema } from "../validations/image-requests";
import { requestSelect, type RequestRow } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SPEC §4: asks support to image one of the caller's instances. 401 anonymous; 404 when the
 * provider or identity does not exist or is not the caller's; 400 for bad fields; 409 when the
 * instance already has an open request.
 */
export async function requestImage(viewer: Viewer | null, providerIdParam: string, identityIdParam: string, body: unknown): Promise<RequestRow> {
  if (!viewer) throw unauthorized();
  const providerId = /^\d{1,9}$/.test(providerIdParam) ? Number(providerIdParam) : NaN;
  const identity =
    Number.isSafeInteger(providerId) && UUID.test(identityIdParam)
      ? await db.identity.findFirst({ where: { id: identityIdParam.toLowerCase(), providerId, userId: viewer.id } })
      : null;
  if (!identity) throw notFound("No such provider and identity of yours.");

  const input = requestImageSchema.parse(body);
  if (input.provider !== undefined && input.provider !== providerId) {
    throw badRequest("The provider in the body differs from the one in the path.", { provider: [`Must be ${providerId}, the provider in the path.`] });
  }
  const instance = await db.instance.findFirst({
    where: { AND: [{ alias: input.instance.toLowerCase(), identityId: identity.id, providerId }, currentWhere(new Date())] },
    select: { alias: true, ipAddress: true },
  });
  if (!instance) throw badRequest("No such instance on this identity.", { instance: ["Not one of your running instances on this identity and provider."] });
  const visUsers = Array.isArray(input.vis) ? [...new Set(input.vis)] : [];
  await userIdsByUsername(db, visUsers, "vis");

  try {
    // The request with its first history entry, then support's notice, in one transaction; the
    // unique open_instance column is the 409. The insert comes first, so that on SQLite the
    // transaction holds the write lock from its first statement.
    return await db.$transaction(async (tx) => {
      const created = await tx.imageRequest.create({
        data: {
          name: input.name,
          description: input.description,
          instanceAlias: instance.alias,
          ipAddress: input.ip_address ?? instance.ipAddress,
          providerId,
          identityId: identity.id,
          software: input.software,
          sys: input.sys,
          exclude: input.exclude,
          tags: JSON.stringify(input.tags),
          visibility: Array.isArray(input.vis) ? "users" : input.vis,
          visUsers: JSON.stringify(visUsers),
          createdById: viewer.id,
          openInstance: instance.alias,
          history: { create: { actorId: viewer.id, fromStatus: null, toStatus: "pending" } },
        },
        select: requestSelect,
      });
      await notify(tx, { type: "request_submitted", requestId: created.id, actorId: viewer.id });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const open = await db.imageRequest.findUnique({ where: { openInstance: instance.alias }, select: { id: true } });
    throw conflict(`This instance already has an open request${open ? ` (#${open.id})` : ""}; withdraw it or wait until it is finished.`, {
      instance: ["This instance already has an open request."],
    });
  }
}
