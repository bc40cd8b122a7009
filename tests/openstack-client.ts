// The tests' own view of Keystone and Glance, apart from the app's driver: to make the images a
// sync finds, and to check, as admin or as a member project, what the write-back did.

export type Who = "admin" | "alice" | "bob";

export interface GlanceUser {
  token: string;
  glance: string;
}

const json = { "Content-Type": "application/json", Accept: "application/json" };

/** Signs in as admin or as alice or bob (password, scoped to their project). */
export async function signInAs(env: Record<string, string>, who: Who): Promise<GlanceUser> {
  const [name, password, project] =
    who === "admin" ? ["admin", env.OS_PASSWORD, "admin"] : who === "alice" ? ["alice", env.OSDEV_ALICE_PASSWORD, "alice-project"] : ["bob", env.OSDEV_BOB_PASSWORD, "bob-project"];
  const response = await fetch(`${env.OS_AUTH_URL}/auth/tokens`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name, domain: { name: "Default" }, password } } },
        scope: { project: { name: project, domain: { name: "Default" } } },
      },
    }),
  });
  if (response.status !== 201) throw new Error(`Keystone refused ${who}: ${response.status} ${await response.text()}`);
  return { token: response.headers.get("x-subject-token")!, glance: env.OSDEV_IMAGE_URL };
}

async function glance(user: GlanceUser, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${user.glance}${path}`, { ...init, headers: { ...json, "X-Auth-Token": user.token, ...(init.headers as Record<string, string>) } });
}

export type GlanceImage = Record<string, unknown> & { id: string; status: string; visibility: string; owner: string; tags: string[] };

/** An image without data yet: Glance says it is queued. */
export async function createQueuedImage(user: GlanceUser, fields: Record<string, unknown> = {}): Promise<GlanceImage> {
  const created = await glance(user, "/v2/images", {
    method: "POST",
    body: JSON.stringify({ disk_format: "qcow2", container_format: "bare", visibility: "private", name: "test image", ...fields }),
  });
  if (created.status !== 201) throw new Error(`Glance did not create the image: ${created.status} ${await created.text()}`);
  return (await created.json()) as GlanceImage;
}

/** An image with one byte of data, so that it is active, as a snapshot would be. */
export async function createActiveImage(user: GlanceUser, fields: Record<string, unknown> = {}): Promise<GlanceImage> {
  const image = await createQueuedImage(user, fields);
  const uploaded = await glance(user, `/v2/images/${image.id}/file`, { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: new Uint8Array([1]) });
  if (uploaded.status !== 204) throw new Error(`Glance did not take the data: ${uploaded.status}`);
  return (await getImage(user, image.id))!;
}

export async function getImage(user: GlanceUser, id: string): Promise<GlanceImage | null> {
  const response = await glance(user, `/v2/images/${id}`);
  if (response.status === 404) return null;
  return (await response.json()) as GlanceImage;
}

/** The ids in the user's default image list (for bob: what he may launch, accepted shares included). */
export async function listedIds(user: GlanceUser, query = ""): Promise<string[]> {
  const ids: string[] = [];
  for (let path: string | undefined = `/v2/images?limit=1000${query}`; path; ) {
    const body = (await (await glance(user, path)).json()) as { images: GlanceImage[]; next?: string };
    ids.push(...body.images.map((image) => image.id));
    path = body.next;
  }
  return ids;
}

export async function members(user: GlanceUser, id: string): Promise<{ member_id: string; status: string }[]> {
  return ((await (await glance(user, `/v2/images/${id}/members`)).json()) as { members: { member_id: string; status: string }[] }).members;
}

export async function patchImage(user: GlanceUser, id: string, operations: unknown[]): Promise<void> {
  const response = await glance(user, `/v2/images/${id}`, { method: "PATCH", headers: { "Content-Type": "application/openstack-images-v2.1-json-patch" }, body: JSON.stringify(operations) });
  if (response.status !== 200) throw new Error(`PATCH ${id}: ${response.status} ${await response.text()}`);
}

export async function imageAction(user: GlanceUser, id: string, action: "deactivate" | "reactivate"): Promise<void> {
  const response = await glance(user, `/v2/images/${id}/actions/${action}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`${action} ${id}: ${response.status} ${await response.text()}`);
}

export async function deleteImage(user: GlanceUser, id: string): Promise<void> {
  const response = await glance(user, `/v2/images/${id}`, { method: "DELETE" });
  if (response.status !== 204 && response.status !== 404) throw new Error(`DELETE ${id}: ${response.status} ${await response.text()}`);
}

/** Deletes every image (as admin), a few at a time: each test starts from an empty Glance. */
export async function deleteAllImages(admin: GlanceUser): Promise<void> {
  const ids = await listedIds(admin, "&visibility=all");
  for (let start = 0; start < ids.length; start += 16) await Promise.all(ids.slice(start, start + 16).map((id) => deleteImage(admin, id)));
}

/** Shares an image with a project, as its owner does in Glance. */
export async function addMember(user: GlanceUser, id: string, project: string): Promise<void> {
  const response = await glance(user, `/v2/images/${id}/members`, { method: "POST", body: JSON.stringify({ member: project }) });
  if (response.status !== 200) throw new Error(`add member to ${id}: ${response.status} ${await response.text()}`);
}
