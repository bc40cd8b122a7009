import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { notFound, unauthorized } from "../errors";
import type { UnreadCountJson } from "../api/response-schemas";
import { markReadSchema } from "../validations/notifications";
import { countUnread } from "./list-notifications";

/**
 * POST /notifications/read: marks some or all of the caller's notifications read. Ids of
 * notifications that are someone else's (or do not exist) are left alone, as the caller could
 * not have seen them; the answer says how many were marked and how many are still unread.
 */
export async function markNotificationsRead(viewer: Viewer | null, body: unknown): Promise<UnreadCountJson> {
  if (!viewer) throw unauthorized();
  const input = markReadSchema.parse(body);
  // A notice read earlier keeps the moment it was first read.
  const { count } = await db.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(input.ids ? { id: { in: [...new Set(input.ids)] } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count, unread: await countUnread(viewer.id) };
}

/**
 * Opening a notification from /notifications: marks it read and gives the path it is about.
 * Someone else's is a 404, like one that does not exist.
 */
export async function openNotification(viewer: Viewer, idParam: string): Promise<string> {
  const id = /^\d{1,9}$/.test(idParam) ? Number(idParam) : NaN;
  const row = Number.isSafeInteger(id) ? await db.notification.findFirst({ where: { id, userId: viewer.id }, select: { link: true, readAt: true } }) : null;
  if (!row) throw notFound("No notification of yours with this id.");
  if (!row.readAt) await db.notification.updateMany({ where: { id, readAt: null }, data: { readAt: new Date() } });
  return row.link;
}
