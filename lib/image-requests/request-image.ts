import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { badRequest, conflict, notFound, unauthorized } from "../errors";
import { currentWhere } from "../db/current";
import { notify } from "../notifications/notify";
import { userIdsByUsername } from "../users/find-users";
import { canEditImage } from "../images/visibility";
import { requestImageSchema, type RequestImageInput } from "../validations/image-requests";
import { withVisibleSources } from "./find-requests";
import { requestSelect, type RequestRow } from "./serialize";
import { isUniqueViolation } from "../db/unique-violation";

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
    select: { alias: true, ipAddress: true, sourceVersion: { select: { id: true, name: true, allowImaging: true, image: { select: { id: true, name: true, createdById: true } } } } },
  });
  if (!instance) throw badRequest("No such instance on this identity.", { instance: ["Not one of your running instances on this identity and provider."] });
  const fork = await forkOrNewVersion(viewer, instance.sourceVersion, input);
  // Not given: a new image is private; a new version leaves the image as visible as it is.
  const vis = input.vis ?? (fork ? "private" : await currentVisibility(instance.sourceVersion!.image.id));
  const visUsers = Array.isArray(vis) ? [...new Set(vis)] : [];
  await userIdsByUsername(db, visUsers, "vis");

  try {
    // The request with its first history entry, then support's notice, in one transaction; the
    // unique open_instance column is the 409. The insert comes first, so that on SQLite the
    // transaction holds the write lock from its first statement.
    const created = await db.$transaction(async (tx) => {
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
          visibility: Array.isArray(vis) ? "users" : vis,
          visUsers: JSON.stringify(visUsers),
          fork,
          versionName: input.version_name ?? null,
          changeLog: input.change_log,
          minCpu: input.min_cpu ?? null,
          minMemoryGb: input.min_memory_gb ?? null,
          minDiskGb: input.min_disk_gb ?? null,
          sourceVersionId: instance.sourceVersion?.id ?? null,
          createdById: viewer.id,
          openInstance: instance.alias,
          history: { create: { actorId: viewer.id, fromStatus: null, toStatus: "pending" } },
        },
        select: requestSelect,
      });
      await notify(tx, { type: "request_submitted", requestId: created.id, actorId: viewer.id });
      return created;
    });
    return (await withVisibleSources(viewer, [created]))[0];
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const open = await db.imageRequest.findUnique({ where: { openInstance: instance.alias }, select: { id: true } });
    throw conflict(`This instance already has an open request${open ? ` (#${open.id})` : ""}; withdraw it or wait until it is finished.`, {
      instance: ["This instance already has an open request."],
    });
  }
}

type SourceVersion = { id: string; name: string; allowImaging: boolean; image: { id: string; name: string; createdById: number } } | null;

/**
 * SPEC §7: whether the request makes a new image (fork) or the next version of the image the
 * instance was launched from. A new version is the default where the requester may edit that
 * image, and allowed only there; a version that may not be imaged refuses both (409).
 */
async function forkOrNewVersion(viewer: Viewer, source: SourceVersion, input: RequestImageInput): Promise<boolean> {
  // The messages do not name the image: the requester may no longer be allowed to see it.
  if (source && !source.allowImaging) {
    throw conflict("This instance was launched from a version that may not be imaged (its allow_imaging is false): no image can be made of it.", {
      instance: ["Launched from a version that may not be imaged."],
    });
  }
  const mayAddVersion = source !== null && canEditImage(viewer, source.image);
  const fork = input.fork ?? !mayAddVersion;
  if (!fork && !source) throw badRequest("This instance was not launched from a catalog image: ask for a new image (fork: true).", { fork: ["The instance has no source image."] });
  if (!fork && !mayAddVersion) {
    throw badRequest("Only the creator of the image this instance was launched from, or staff, may add a version to it: ask for a new image (fork: true).", {
      fork: ["You may not edit the source image."],
    });
  }
  if (!fork && input.version_name !== undefined) {
    const taken = await db.version.findUnique({ where: { imageId_name: { imageId: source!.image.id, name: input.version_name } }, select: { id: true } });
    if (taken) throw badRequest(`The image already has a version ${input.version_name}.`, { version_name: ["The image already has this version."] });
  }
  return fork;
}

/** Who may see an image now, as a request's vis says it. */
async function currentVisibility(imageId: string): Promise<"public" | "private" | string[]> {
  const image = await db.image.findUniqueOrThrow({ where: { id: imageId }, select: { private: true, sharedWith: { select: { user: { select: { username: true } } } } } });
  if (!image.private) return "public";
  return image.sharedWith.length > 0 ? image.sharedWith.map((share) => share.user.username) : "private";
}
