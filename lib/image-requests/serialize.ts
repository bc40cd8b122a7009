import type { Prisma } from "../db/client";
import type { RequestJson } from "../api/response-schemas";
import type { RequestStatus } from "./statuses";

export const requestSelect = {
  id: true,
  status: true,
  name: true,
  description: true,
  instanceAlias: true,
  ipAddress: true,
  providerId: true,
  identityId: true,
  software: true,
  sys: true,
  exclude: true,
  tags: true,
  visibility: true,
  visUsers: true,
  createdById: true,
  createdBy: { select: { username: true } },
  adminMessage: true,
  imageId: true,
  fork: true,
  versionName: true,
  changeLog: true,
  minCpu: true,
  minMemoryGb: true,
  minDiskGb: true,
  sourceVersionId: true,
  sourceVersion: { select: { name: true, image: { select: { id: true, name: true } } } },
  startDate: true,
  endDate: true,
  history: {
    select: { fromStatus: true, toStatus: true, at: true, message: true, actor: { select: { username: true } } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.ImageRequestSelect;

export type RequestRow = Prisma.ImageRequestGetPayload<{ select: typeof requestSelect }>;

/** SPEC §4's request keys, in its order. */
export function toRequestJson(row: RequestRow): RequestJson {
  return {
    id: row.id,
    status: row.status as RequestStatus,
    name: row.name,
    description: row.description,
    instance: row.instanceAlias,
    ip_address: row.ipAddress,
    provider: row.providerId,
    identity: row.identityId,
    software: row.software,
    sys: row.sys,
    exclude: row.exclude,
    tags: JSON.parse(row.tags) as string[],
    vis: row.visibility === "users" ? (JSON.parse(row.visUsers) as string[]) : (row.visibility as "public" | "private"),
    created_by: row.createdBy.username,
    admin_message: row.adminMessage,
    image: row.imageId,
    start_date: row.startDate.toISOString(),
    end_date: row.endDate?.toISOString() ?? null,
    history: row.history.map((event) => ({
      from: event.fromStatus as RequestStatus | null,
      status: event.toStatus as RequestStatus,
      by: event.actor.username,
      at: event.at.toISOString(),
      message: event.message,
    })),
    fork: row.fork,
    version_name: row.versionName,
    change_log: row.changeLog,
    min_cpu: row.minCpu,
    min_memory_gb: row.minMemoryGb,
    min_disk_gb: row.minDiskGb,
    source: row.sourceVersion && { image: row.sourceVersion.image.id, image_name: row.sourceVersion.image.name, version: row.sourceVersion.name },
  };
}
