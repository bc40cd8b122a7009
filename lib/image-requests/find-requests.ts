import "server-only";
import { db, type Prisma } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { notFound, unauthorized } from "../errors";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestJson } from "../api/response-schemas";
import { withoutUnseenImages } from "../images/visible-image-ids";
import { requestSelect, toRequestJson, type RequestRow } from "./serialize";
import type { RequestStatus } from "./statuses";

/** Requests are seen by their requester and by staff; to anyone else they do not exist. */
const visibleRequestsWhere = (viewer: Viewer): Prisma.ImageRequestWhereInput => (viewer.isStaff ? {} : { createdById: viewer.id });

export async function findVisibleRequest(viewer: Viewer | null, idParam: string | number): Promise<RequestRow> {
  if (!viewer) throw unauthorized();
  const id = typeof idParam === "number" ? idParam : /^\d{1,9}$/.test(idParam) ? Number(idParam) : NaN;
  const request = Number.isSafeInteger(id)
    ? await db.imageRequest.findFirst({ where: { AND: [{ id }, visibleRequestsWhere(viewer)] }, select: requestSelect })
    : null;
  if (!request) throw notFound("No image request with this id.");
  return (await withVisibleSources(viewer, [request]))[0];
}

/**
 * Requests as their viewer may see them: the image an instance was launched from is named only
 * to those who may see it (a requester may have lost sight of it since; staff see every image).
 */
export const withVisibleSources = (viewer: Viewer, rows: RequestRow[]): Promise<RequestRow[]> =>
  withoutUnseenImages(viewer, rows, (row) => row.sourceVersion?.image.id, (row) => ({ ...row, sourceVersion: null }));

export interface RequestListQuery extends PageRequest {
  status: RequestStatus[];
  /** Only the viewer's own, also for staff (the "My requests" page). */
  mine?: boolean;
}

export async function listRequests(viewer: Viewer | null, query: RequestListQuery, url: URL): Promise<Page<RequestJson>> {
  if (!viewer) throw unauthorized();
  const where: Prisma.ImageRequestWhereInput = {
    AND: [visibleRequestsWhere(viewer), query.mine ? { createdById: viewer.id } : {}, query.status.length ? { status: { in: query.status } } : {}],
  };
  const [count, rows] = await Promise.all([
    db.imageRequest.count({ where }),
    db.imageRequest.findMany({ where, select: requestSelect, orderBy: [{ startDate: "desc" }, { id: "desc" }], ...pageWindow(query) }),
  ]);
  return toPage(url, query, count, (await withVisibleSources(viewer, rows)).map(toRequestJson));
}

/** How many requests wait for staff: pending ones, and approved ones not yet being imaged. */
export const countWaitingRequests = () => db.imageRequest.count({ where: { status: { in: ["pending", "approved"] } } });

/** The open request of each of these instances, by instance alias. */
export async function openRequestsFor(instanceAliases: string[]): Promise<Map<string, number>> {
  const rows = await db.imageRequest.findMany({ where: { openInstance: { in: instanceAliases } }, select: { id: true, instanceAlias: true } });
  return new Map(rows.map((row) => [row.instanceAlias, row.id]));
}
