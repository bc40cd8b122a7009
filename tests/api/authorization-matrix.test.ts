// SPEC §2–4 as one table: every endpoint × every kind of viewer × every kind of image or request
// status, with the answer each must get. Any change to who may see or do what fails a row here.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as icon from "@/app/api/v1/images/[id]/icon/route";
import * as versionsRoute from "@/app/api/v1/images/[id]/versions/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import * as requestsRoute from "@/app/api/v1/image_requests/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as identities from "@/app/api/v1/identities/route";
import * as instances from "@/app/api/v1/instances/route";
import * as providers from "@/app/api/v1/providers/route";
import * as tags from "@/app/api/v1/tags/route";
import { db } from "@/lib/db/client";
import { setImageIcon } from "@/lib/images/icons";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/image-requests/statuses";
import { call } from "../http";
import { addInstitutionStaff, seedFixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";
import { CURRENT, IMAGES, OWN_OR_STAFF, SEES, VIEWERS, as as asKind, type ImageKind, type MatrixWorld, type ViewerKind } from "../viewer-kinds";

let world: MatrixWorld;
const requestIds = {} as Record<RequestStatus, number>;

beforeAll(async () => {
  world = await addInstitutionStaff(await seedFixture());
  const png = new Uint8Array(16);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (const id of Object.values(world.images)) await setImageIcon(world.users.staff, id, png);
  // One request of alice's in every status.
  for (const status of REQUEST_STATUSES) {
    const instance = await db.instance.create({ data: { name: `matrix-${status}`, providerId: world.providers.p1.id, identityId: world.identities.aliceIdentity.id } });
    const created = await call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
      method: "POST",
      params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
      body: seedRequestBody(instance.alias, world.providers.p1.id, `Matrix ${status}`),
      session: world.users.alice,
    });
    await db.imageRequest.update({ where: { id: created.body.id }, data: { status, ...(["completed", "denied", "closed"].includes(status) ? { openInstance: null } : {}) } });
    requestIds[status] = created.body.id;
  }
});

const as = (viewer: ViewerKind) => asKind(world, viewer);

/** The creator (in person or through her token) and staff: who edits an image, and who sees a request of hers. */
const OWNER_OR_STAFF = Object.fromEntries(VIEWERS.map((viewer) => [viewer, OWN_OR_STAFF.includes(viewer)])) as Record<ViewerKind, boolean>;
const EDITS = OWNER_OR_STAFF;

/** The status a read of one image must get. */
const readStatus = (viewer: ViewerKind, image: ImageKind) => (viewer === "revoked token" ? 401 : SEES[viewer].includes(image) ? 200 : 404);
/** The status an edit must get: 401 anonymous (or a bad token), 404 hidden, 403 seen but not editable. */
const editStatus = (viewer: ViewerKind, image: ImageKind) =>
  viewer === "anonymous" || viewer === "revoked token" ? 401 : !SEES[viewer].includes(image) ? 404 : EDITS[viewer] ? 200 : 403;

const imageRows = VIEWERS.flatMap((viewer) => IMAGES.map((image) => [viewer, image] as const));

describe.each(imageRows)("%s × %s image", (viewer, image) => {
  const id = () => world.images[image];

  it("GET /images lists it only if it is current and visible", async () => {
    const { status, body } = await call(collection.GET, "/api/v1/images?page_size=1000", as(viewer));
    if (viewer === "revoked token") return expect(status).toBe(401);
    expect(body.results.some((result: { id: string }) => result.id === id())).toBe(SEES[viewer].includes(image) && CURRENT.includes(image));
  });

  it("GET /images?include_end_dated=true adds it only under rules 2 and 3", async () => {
    const { status, body } = await call(collection.GET, "/api/v1/images?page_size=1000&include_end_dated=true", as(viewer));
    if (viewer === "revoked token") return expect(status).toBe(401);
    const ownOrStaff = OWN_OR_STAFF.includes(viewer);
    expect(body.results.some((result: { id: string }) => result.id === id())).toBe(SEES[viewer].includes(image) && (CURRENT.includes(image) || ownOrStaff));
  });

  it("GET /images/{id}", async () => {
    expect((await call(single.GET, `/api/v1/images/${id()}`, { params: { id: id() }, ...as(viewer) })).status).toBe(readStatus(viewer, image));
  });

  it("GET /images/{id}/icon", async () => {
    expect((await call(icon.GET, `/api/v1/images/${id()}/icon`, { params: { id: id() }, ...as(viewer) })).status).toBe(readStatus(viewer, image));
  });

  it("PATCH /images/{id}", async () => {
    const answer = await call(single.PATCH, `/api/v1/images/${id()}`, { method: "PATCH", params: { id: id() }, body: { description: `by ${viewer}` }, ...as(viewer) });
    expect(answer.status).toBe(editStatus(viewer, image));
  });

  it("PUT /images/{id}", async () => {
    const before = await db.image.findUniqueOrThrow({ where: { id: id() } });
    const body = { name: before.name, description: `put by ${viewer}`, tags: [], end_date: before.endDate?.toISOString() ?? null, private: before.private, shared_with: image === "shared" ? ["bob"] : [] };
    const answer = await call(single.PUT, `/api/v1/images/${id()}`, { method: "PUT", params: { id: id() }, body, ...as(viewer) });
    expect(answer.status).toBe(editStatus(viewer, image));
  });

  it("GET /images/{id}/versions and /versions/1: the image's rule", async () => {
    const [list, one] = await Promise.all([
      call(versionsRoute.GET, `/api/v1/images/${id()}/versions`, { params: { id: id() }, ...as(viewer) }),
      call(versionRoute.GET, `/api/v1/images/${id()}/versions/1`, { params: { id: id(), version: "1" }, ...as(viewer) }),
    ]);
    expect([list.status, one.status]).toEqual([readStatus(viewer, image), readStatus(viewer, image)]);
  });

  it("PATCH /images/{id}/versions/1: the image's rule", async () => {
    const answer = await call(versionRoute.PATCH, `/api/v1/images/${id()}/versions/1`, {
      method: "PATCH",
      params: { id: id(), version: "1" },
      body: { change_log: `by ${viewer}` },
      ...as(viewer),
    });
    expect(answer.status).toBe(editStatus(viewer, image));
  });

  it("GET /images/{id} shows shared_with only to those who may edit", async () => {
    const { status, body } = await call(single.GET, `/api/v1/images/${id()}`, { params: { id: id() }, ...as(viewer) });
    if (status === 200) expect("shared_with" in body).toBe(EDITS[viewer]);
  });
});

// SPEC §4: requests are the requester's (alice; her token too) and staff's.
const SEES_REQUESTS = OWNER_OR_STAFF;
const requestRows = VIEWERS.flatMap((viewer) => REQUEST_STATUSES.map((status) => [viewer, status] as const));

describe.each(requestRows)("%s × %s request", (viewer, requestStatus) => {
  const id = () => requestIds[requestStatus];
  const anonymous = viewer === "anonymous" || viewer === "revoked token";

  it("GET /image_requests/{id}", async () => {
    const { status } = await call(requestRoute.GET, `/api/v1/image_requests/${id()}`, { params: { id: String(id()) }, ...as(viewer) });
    expect(status).toBe(anonymous ? 401 : SEES_REQUESTS[viewer] ? 200 : 404);
  });

  it("GET /image_requests lists it only for the requester and staff", async () => {
    const { status, body } = await call(requestsRoute.GET, "/api/v1/image_requests?page_size=1000", as(viewer));
    if (anonymous) return expect(status).toBe(401);
    expect(body.results.some((request: { id: number }) => request.id === id())).toBe(SEES_REQUESTS[viewer]);
  });
});

describe.each(VIEWERS)("%s on the cloud endpoints", (viewer) => {
  const anonymous = viewer === "anonymous" || viewer === "revoked token";
  it.each([
    ["/api/v1/providers", providers.GET, viewer === "revoked token" ? 401 : 200],
    ["/api/v1/tags", tags.GET, viewer === "revoked token" ? 401 : 200],
    ["/api/v1/identities", identities.GET, anonymous ? 401 : 200],
    ["/api/v1/instances", instances.GET, anonymous ? 401 : 200],
  ] as const)("GET %s", async (path, handler, expected) => {
    expect((await call(handler, path, as(viewer))).status).toBe(expected);
  });

  it("POST request_image on alice's identity", async () => {
    const instance = await db.instance.create({ data: { name: `matrix-post-${viewer}`, providerId: world.providers.p1.id, identityId: world.identities.aliceIdentity.id } });
    const { status } = await call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
      method: "POST",
      params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
      body: seedRequestBody(instance.alias, world.providers.p1.id),
      ...as(viewer),
    });
    expect(status).toBe(anonymous ? 401 : viewer === "creator" || viewer === "valid token" ? 201 : 404);
  });
});
