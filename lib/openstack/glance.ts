import type { OpenStackSession } from "./session";

/** A Glance image as the catalog reads it (SPEC §9's fields, and the properties it writes). */
export interface CloudImage {
  id: string;
  name: string;
  status: string;
  visibility: string;
  owner: string | null;
  size: number | null;
  diskFormat: string | null;
  checksum: string | null;
  minDisk: number | null;
  minRam: number | null;
  osDistro: string | null;
  osVersion: string | null;
  architecture: string | null;
  tags: string[];
  createdAt: Date | null;
  /** The atmosphere_* properties (image, version, request), when set. */
  atmosphere: { image?: string; version?: string; request?: string };
}

type GlanceImageJson = Record<string, unknown> & { id: string };

const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const int = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

export function toCloudImage(json: GlanceImageJson): CloudImage {
  return {
    id: json.id,
    name: str(json.name) ?? "",
    status: str(json.status) ?? "unknown",
    visibility: str(json.visibility) ?? "private",
    owner: str(json.owner),
    size: int(json.size),
    diskFormat: str(json.disk_format),
    // SPEC §9: the checksum shown is the multihash (os_hash_value, sha512 by default).
    checksum: str(json.os_hash_value),
    minDisk: int(json.min_disk),
    minRam: int(json.min_ram),
    osDistro: str(json.os_distro),
    osVersion: str(json.os_version),
    architecture: str(json.architecture),
    tags: Array.isArray(json.tags) ? json.tags.filter((tag): tag is string => typeof tag === "string") : [],
    createdAt: str(json.created_at) && !Number.isNaN(Date.parse(str(json.created_at)!)) ? new Date(str(json.created_at)!) : null,
    atmosphere: {
      ...(str(json.atmosphere_image) ? { image: str(json.atmosphere_image)! } : {}),
      ...(str(json.atmosphere_version) ? { version: str(json.atmosphere_version)! } : {}),
      ...(str(json.atmosphere_request) ? { request: str(json.atmosphere_request)! } : {}),
    },
  };
}

/** The raw image (every property), or null when Glance has none with that id. */
export async function getImageJson(session: OpenStackSession, id: string): Promise<GlanceImageJson | null> {
  const response = await session.glance(`/v2/images/${encodeURIComponent(id)}`, `read image ${id}`, { accept: [404] });
  return response.status === 404 ? null : ((await response.json()) as GlanceImageJson);
}

/**
 * Every image the credential sees, a page at a time, oldest first. `visibility=all` makes an admin
 * see community images too; Glance's `next` link (a path with the marker) is followed to the end.
 */
export async function* listImagePages(session: OpenStackSession, pageSize: number, filters: Record<string, string> = {}): AsyncGenerator<CloudImage[]> {
  const query = new URLSearchParams({ visibility: "all", limit: String(pageSize), sort_key: "created_at", sort_dir: "asc", ...filters });
  let path: string | null = `/v2/images?${query}`;
  while (path) {
    const response = await session.glance(path, "list images");
    const body = (await response.json()) as { images?: GlanceImageJson[]; next?: string };
    yield (body.images ?? []).map(toCloudImage);
    path = body.next && body.images?.length ? body.next : null;
  }
}

const PATCH_TYPE = "application/openstack-images-v2.1-json-patch";

export type PatchOperation = { op: "add" | "replace" | "remove"; path: string; value?: unknown };

export async function patchImage(session: OpenStackSession, id: string, operations: PatchOperation[]): Promise<void> {
  await session.glance(`/v2/images/${id}`, `update image ${id}`, { method: "PATCH", headers: { "Content-Type": PATCH_TYPE }, body: JSON.stringify(operations) });
}

export async function listMembers(session: OpenStackSession, id: string): Promise<{ member_id: string; status: string }[]> {
  const response = await session.glance(`/v2/images/${id}/members`, `list the members of image ${id}`);
  return ((await response.json()) as { members?: { member_id: string; status: string }[] }).members ?? [];
}

/** Adds a project as a member; one that is a member already (409) is fine. */
export async function addMember(session: OpenStackSession, id: string, projectId: string): Promise<void> {
  await session.glance(`/v2/images/${id}/members`, `share image ${id} with project ${projectId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ member: projectId }),
    accept: [409],
  });
}

/** Accepts the share on the member's behalf (the admin role may): it then shows in their image list. */
export async function acceptMember(session: OpenStackSession, id: string, projectId: string): Promise<void> {
  await session.glance(`/v2/images/${id}/members/${projectId}`, `accept image ${id} for project ${projectId}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ status: "accepted" }),
  });
}

/** Removes a member; one that is gone already (404) is fine. */
export async function removeMember(session: OpenStackSession, id: string, projectId: string): Promise<void> {
  await session.glance(`/v2/images/${id}/members/${projectId}`, `stop sharing image ${id} with project ${projectId}`, { method: "DELETE", accept: [404] });
}

export async function imageAction(session: OpenStackSession, id: string, action: "deactivate" | "reactivate"): Promise<void> {
  await session.glance(`/v2/images/${id}/actions/${action}`, `${action} image ${id}`, { method: "POST" });
}
