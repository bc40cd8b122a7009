import "server-only";
import type { InstanceJson } from "../api/response-schemas";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { currentWhere } from "../db/current";
import { withoutUnseenImages } from "../images/visible-image-ids";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";

export const instanceSelect = {
  alias: true,
  name: true,
  ipAddress: true,
  providerId: true,
  identityId: true,
  status: true,
  startDate: true,
  tags: { select: { tag: { select: { name: true } } } },
  sourceVersion: { select: { name: true, imageId: true } },
} as const;

type InstanceRow = {
  alias: string;
  name: string;
  ipAddress: string | null;
  providerId: number;
  identityId: string;
  status: string;
  startDate: Date;
  tags: { tag: { name: string } }[];
  sourceVersion: { name: string; imageId: string } | null;
};

export const toInstanceJson = (row: InstanceRow): InstanceJson => ({
  alias: row.alias,
  name: row.name,
  ip_address: row.ipAddress,
  provider: row.providerId,
  identity: row.identityId,
  status: row.status,
  start_date: row.startDate.toISOString(),
  tags: row.tags.map(({ tag }) => tag.name).sort(),
  image: row.sourceVersion?.imageId ?? null,
  version: row.sourceVersion?.name ?? null,
});

/** The viewer's own running instances. */
export const ownInstancesWhere = (viewer: Viewer) => ({ AND: [{ identity: { userId: viewer.id } }, currentWhere(new Date())] });

/** Instances as their owner may see them: the image one was launched from is named only when they may see it. */
const withVisibleSources = <T extends { sourceVersion: { imageId: string } | null }>(viewer: Viewer, rows: T[]): Promise<T[]> =>
  withoutUnseenImages(viewer, rows, (row) => row.sourceVersion?.imageId, (row) => ({ ...row, sourceVersion: null }));

/** The caller's instances that still run (end-dated ones are gone, as everywhere). */
export async function listInstances(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<InstanceJson>> {
  if (!viewer) throw unauthorized();
  const where = ownInstancesWhere(viewer);
  const [count, rows] = await Promise.all([
    db.instance.count({ where }),
    db.instance.findMany({ where, select: instanceSelect, orderBy: [{ startDate: "desc" }, { alias: "asc" }], ...pageWindow(request) }),
  ]);
  return toPage(url, request, count, (await withVisibleSources(viewer, rows)).map(toInstanceJson));
}

/** One of the viewer's running instances, with its provider's name, or null. */
export async function findOwnInstance(viewer: Viewer, alias: string) {
  if (!/^[0-9a-f-]{36}$/i.test(alias)) return null;
  const row = await db.instance.findFirst({
    where: { AND: [{ alias: alias.toLowerCase() }, ownInstancesWhere(viewer)] },
    select: { ...instanceSelect, provider: { select: { name: true } } },
  });
  if (!row) return null;
  const [visible] = await withVisibleSources(viewer, [row]);
  return { ...toInstanceJson(visible), provider_name: row.provider.name };
}

/** All the viewer's running instances with their providers' names, for the instances page. */
export async function listOwnInstances(viewer: Viewer) {
  const rows = await db.instance.findMany({
    where: ownInstancesWhere(viewer),
    select: { ...instanceSelect, provider: { select: { name: true } } },
    orderBy: [{ providerId: "asc" }, { name: "asc" }],
  });
  return (await withVisibleSources(viewer, rows)).map((row) => ({ ...toInstanceJson(row), provider_name: row.provider.name }));
}
