import "server-only";
import { db, type Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import type { NotificationJson } from "../api/response-schemas";
import type { NotificationKind } from "./kinds";

export interface NotificationListQuery extends PageRequest {
  /** Only the unread ones. */
  unread?: boolean;
}

const select = { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true } as const;
export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof select }>;

/** The caller's notifications, newest first: each is seen by its recipient only. */
export async function listNotificationRows(viewer: Viewer | null, query: NotificationListQuery, url: URL): Promise<Page<NotificationRow>> {
  if (!viewer) throw unauthorized();
  const where: Prisma.NotificationWhereInput = { userId: viewer.id, ...(query.unread ? { readAt: null } : {}) };
  const [count, rows] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({ where, select, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(query) }),
  ]);
  return toPage(url, query, count, rows);
}

/** GET /notifications. */
export async function listNotifications(viewer: Viewer | null, query: NotificationListQuery, url: URL): Promise<Page<NotificationJson>> {
  const page = await listNotificationRows(viewer, query, url);
  return { ...page, results: page.results.map((row) => toNotificationJson(row, url)) };
}

/** `link` is stored as a path on this site; the API gives it as an absolute URL on the same origin as the page links. */
export const toNotificationJson = (row: NotificationRow, url: URL): NotificationJson => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  title: row.title,
  body: row.body,
  link: new URL(row.link, url.origin).toString(),
  created_at: row.createdAt.toISOString(),
  read_at: row.readAt?.toISOString() ?? null,
});

/** The bell's number. */
export const countUnread = (userId: number) => db.notification.count({ where: { userId, readAt: null } });
