import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { AppError, badRequest, forbidden, notFound, unauthorized } from "../errors";
import { findVisibleImage } from "./get-image";
import { canEditImage } from "./visibility";

export const ICON_MAX_BYTES = 512 * 1024;

// Decided by the bytes, never by the file's name or the type the browser claims.
const SIGNATURES: { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/webp", matches: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
];
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function sniffIconType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((signature) => bytes.length >= 12 && signature.matches(bytes))?.type ?? null;
}

/** Stores a new icon for an image (creator or staff), recorded in the audit like any edit. */
export async function setImageIcon(viewer: Viewer | null, imageId: string, bytes: Uint8Array): Promise<string> {
  if (!viewer) throw unauthorized();
  const image = await findVisibleImage(viewer, imageId);
  if (!canEditImage(viewer, image)) throw forbidden("Only the image's creator or staff may change its icon.");
  if (bytes.length === 0) throw badRequest("Choose an image file.", { icon: ["Choose an image file."] });
  if (bytes.length > ICON_MAX_BYTES) throw new AppError(413, "The icon is larger than 512 KiB.", { icon: ["At most 512 KiB."] });
  const contentType = sniffIconType(bytes);
  if (!contentType) {
    const message = "Icons must be PNG, JPEG or WebP images (SVG is not accepted).";
    throw badRequest(message, { icon: [message] });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // The hash in the path lets browsers cache an icon for good: a new icon is a new path.
  const path = `/api/v1/images/${image.id}/icon?v=${sha256.slice(0, 16)}`;
  const data = { contentType, bytes: Buffer.from(bytes), sha256, updatedAt: new Date() };
  await db.$transaction([
    db.imageIcon.upsert({ where: { imageId: image.id }, create: { imageId: image.id, ...data }, update: data }),
    db.image.update({ where: { id: image.id }, data: { icon: path, revision: { increment: 1 } } }),
    db.imageEdit.create({ data: { imageId: image.id, editorId: viewer.id, changes: JSON.stringify({ icon: { from: image.icon, to: path } }) } }),
  ]);
  return path;
}

// How long a browser may keep an icon. One that anyone may see is kept for a year (its path
// changes with the icon), or until the image's scheduled retirement. Any other (private, or
// retired) is for this viewer only and asked again each time (ETag, 304), so that someone who
// loses access to the image loses the icon too.
const YEAR_SECONDS = 365 * 24 * 60 * 60;
const PER_VIEWER_ICON = { "Cache-Control": "private, no-cache", Vary: "Cookie, Authorization" };
const sharedIcon = (endDate: Date | null, now: Date) =>
  endDate === null
    ? { "Cache-Control": `private, max-age=${YEAR_SECONDS}, immutable` }
    : { "Cache-Control": `private, max-age=${Math.min(YEAR_SECONDS, Math.floor((endDate.getTime() - now.getTime()) / 1000))}` };

/** The icon of an image the viewer may see, with its ETag and the caching it allows. */
export async function readImageIcon(viewer: Viewer | null, imageId: string) {
  const image = await findVisibleImage(viewer, imageId);
  const icon = await db.imageIcon.findUnique({ where: { imageId: image.id } });
  if (!icon) throw notFound("This image has no icon.");
  const now = new Date();
  const forEveryone = !image.private && (image.endDate === null || image.endDate > now);
  return { contentType: icon.contentType, bytes: icon.bytes, etag: `"${icon.sha256}"`, caching: forEveryone ? sharedIcon(image.endDate, now) : PER_VIEWER_ICON };
}
