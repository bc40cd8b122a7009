import "server-only";
import { db, Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { conflict, forbidden, preconditionFailed, unauthorized } from "../errors";
import { ifMatchAccepts } from "../http/etag";
import { jsonEqual } from "../json-equal";
import { rejectChangedReadOnlyFields } from "../read-only-fields";
import { notify } from "../notifications/notify";
import { userIdsByUsername } from "../users/find-users";
import { foldDuplicates, TAGS_MAX } from "../validations/common";
import { IMAGE_READ_ONLY_FIELDS, imageReplaceSchema, imageUpdateSchema, type ImageUpdate } from "../validations/images";
import { findVisibleImage } from "./get-image";
import { readImages } from "./read-images";
import { rowsOf } from "../db/committed-rows";
import { imageEtag, toImageJson, type ImageRow } from "./serialize";
import { ensureTags } from "./tag-ids";
import { searchText } from "./tags";
import { canEditImage } from "./visibility";
import { queueImagePushes } from "../providers/write-back/queue-push";
import { isUniqueViolation } from "../db/unique-violation";

export interface UpdateOptions {
  /** PUT: every editable field must be given. */
  replace: boolean;
  /** The If-Match header, when sent. */
  ifMatch: string | null;
}

type Change = { from: unknown; to: unknown };

/** Another writer got there between our read and our write. */
class StaleRead extends Error {}
const ATTEMPTS = 3;

/**
 * Edits an image: 401 anonymous, 404 when the viewer cannot see it, 403 when they can see but
 * not edit, 412 when If-Match is stale, 400 for bad fields. Writes the audit record with the change.
 */
export async function updateImage(viewer: Viewer | null, id: string, body: unknown, options: UpdateOptions): Promise<ImageRow> {
  if (!viewer) throw unauthorized();
  let image = await editableImage(viewer, id, options.ifMatch);
  const input = (options.replace ? imageReplaceSchema : imageUpdateSchema).parse(body);
  rejectChangedReadOnlyFields(input, toImageJson(image, viewer), IMAGE_READ_ONLY_FIELDS);
  const sharedWithIds = input.shared_with ? await userIdsByUsername(db, input.shared_with, "shared_with") : undefined;

  for (let attempt = 1; ; attempt++) {
    const changes = changedFields(image, input, new Date());
    if (Object.keys(changes).length === 0) return image;
    try {
      return await db.$transaction((tx) => applyChanges(tx, viewer, image, changes, sharedWithIds));
    } catch (error) {
      // Without If-Match the client asked for no precondition: read again and re-apply.
      if (!(error instanceof StaleRead || isUniqueViolation(error)) || options.ifMatch !== null || attempt === ATTEMPTS) {
        throw error instanceof StaleRead ? preconditionFailed() : error;
      }
      image = await editableImage(viewer, id, null);
    }
  }
}

async function editableImage(viewer: Viewer, id: string, ifMatch: string | null): Promise<ImageRow> {
  const image = await findVisibleImage(viewer, id);
  if (!canEditImage(viewer, image)) throw forbidden("Only the image's creator or staff may edit it.");
  if (ifMatch !== null && !ifMatchAccepts(ifMatch, imageEtag(image))) throw preconditionFailed();
  return image;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

function changedFields(image: ImageRow, input: ImageUpdate, now: Date): Record<string, Change> {
  const changes: Record<string, Change> = {};
  const note = (field: string, from: unknown, to: unknown) => (changes[field] = { from, to });
  if (input.name !== undefined && input.name !== image.name) note("name", image.name, input.name);
  if (input.description !== undefined && input.description !== image.description) note("description", image.description, input.description);
  if (input.private !== undefined && input.private !== image.private) note("private", image.private, input.private);
  const tags = image.tags;
  if (input.tags !== undefined && !jsonEqual(input.tags, tags)) note("tags", tags, input.tags);
  const shared = image.sharedWith;
  if (input.shared_with !== undefined && !sameSet([...new Set(input.shared_with)], shared)) note("shared_with", shared, [...new Set(input.shared_with)]);
  if (input.end_date !== undefined && input.end_date?.getTime() !== image.endDate?.getTime()) {
    // A past date retires the image now: the record then says when it really left the catalog.
    const endDate = input.end_date && input.end_date < now ? now : input.end_date;
    note("end_date", image.endDate?.toISOString() ?? null, endDate?.toISOString() ?? null);
  }
  return changes;
}

/** The fields whose change is written back to the image's clouds. */
const PUSHED_FIELDS = ["private", "shared_with", "end_date"] as const;

async function applyChanges(
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  image: ImageRow,
  changes: Record<string, Change>,
  sharedWithIds: number[] | undefined,
): Promise<ImageRow> {
  const value = <T>(field: string, fallback: T) => (field in changes ? (changes[field].to as T) : fallback);
  const name = value("name", image.name);
  const description = value("description", image.description);
  const tags = value("tags", image.tags);
  const endDate = value<string | null>("end_date", image.endDate?.toISOString() ?? null);
  const { count } = await tx.image.updateMany({
    where: { id: image.id, revision: image.revision },
    data: {
      name,
      description,
      private: value("private", image.private),
      endDate: endDate === null ? null : new Date(endDate),
      revision: { increment: 1 },
    },
  });
  if (count === 0) throw new StaleRead();
  await tx.imageSearch.update({ where: { imageId: image.id }, data: { text: searchText({ name, description, tags, creator: image.creator }) } });
  if ("tags" in changes) {
    const tagIds = await ensureTags(tx, tags);
    await tx.imageTag.deleteMany({ where: { imageId: image.id } });
    await tx.imageTag.createMany({ data: tagIds.map((tagId) => ({ imageId: image.id, tagId })) });
  }
  if ("shared_with" in changes && sharedWithIds) {
    await tx.imageShare.deleteMany({ where: { imageId: image.id } });
    await tx.imageShare.createMany({ data: sharedWithIds.map((userId) => ({ imageId: image.id, userId })) });
    await notify(tx, { type: "image_shared", imageId: image.id, actorId: viewer.id, before: changes.shared_with.from as string[], after: changes.shared_with.to as string[] });
  }
  await tx.imageEdit.create({ data: { imageId: image.id, editorId: viewer.id, changes: JSON.stringify(changes) } });
  // Who may see it, or whether it is current, changed: its cloud images follow (SPEC §9).
  const pushed = PUSHED_FIELDS.filter((field) => field in changes);
  if (pushed.length > 0) await queueImagePushes(tx, { imageIds: [image.id], reason: `${pushed.join(", ")} changed by ${viewer.username}` });
  const [updated] = await readImages(rowsOf(tx), Prisma.sql`i.id = ${image.id}`);
  return updated;
}


/**
 * Completing a new-version request changes its image (SPEC §7): the description is replaced by
 * the request's (which it must give), the request's tags are added, and its vis sets who may see the image
 * (public: not private, the share list kept; private: only the creator and staff; a user list:
 * shared with them). Recorded as an edit by whoever completed the request.
 */
export async function updateImageForNewVersion(
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  imageId: string,
  request: { description: string; tags: string[]; vis: "public" | "private" | string[]; sharedWithIds: number[]; requestId: number },
): Promise<void> {
  const [image] = await readImages(rowsOf(tx), Prisma.sql`i.id = ${imageId}`);
  const tags = foldDuplicates([...image.tags, ...request.tags]);
  if (tags.length > TAGS_MAX) throw conflict(`With the request's tags the image would have ${tags.length}; an image has at most ${TAGS_MAX}.`);
  const input: ImageUpdate = {
    description: request.description,
    tags,
    private: request.vis !== "public",
    ...(request.vis === "public" ? {} : { shared_with: Array.isArray(request.vis) ? request.vis : [] }),
  };
  const changes = changedFields(image, input, new Date());
  if (Object.keys(changes).length === 0) return;
  try {
    await applyChanges(tx, viewer, image, changes, request.vis === "public" ? undefined : request.sharedWithIds);
  } catch (error) {
    throw error instanceof StaleRead ? conflict(`The image was edited while request #${request.requestId} was being completed; complete it again.`) : error;
  }
}
