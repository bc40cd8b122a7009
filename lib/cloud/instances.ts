import "server-only";
import { db } from "../db/client";
import type { Viewer } from "../auth/viewer";
import { unauthorized } from "../errors";
import { currentWhere } from "../images/visibility";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";

export interface InstanceJson {
  alias: string;
  name: string;
  ip_address: string | null;
  provider: number;
  identity: string;
  status: string;
  start_date: string;
}

/** The caller's instances that still run (end-dated ones are gone, as everywhere). */
export async function listInstances(viewer: Viewer | null, request: PageRequest, url: URL): Promise<Page<InstanceJson>> {
  if (!viewer) throw unauthorized();
  const where = { AND: [{ identity: { userId: viewer.id } }, currentWhere(new Date())] };
  const [count, rows] = await Promise.all([
    db.instance.count({ where }),
    db.instance.findMany({ where, orderBy: [{ startDate: "desc" }, { alias: "asc" }], ...pageWindow(request) }),
  ]);
  return toPage(
    url,
    request,
    count,
    rows.map((row) => ({
      alias: row.alias,
      name: row.name,
      ip_address: row.ipAddress,
      provider: row.providerId,
      identity: row.identityId,
      status: row.status,
      start_date: row.startDate.toISOString(),
    })),
  );
}
