// Favorites (SPEC §8) × SPEC §2 as one table: every favorites endpoint × every kind of viewer ×
// every kind of image, with the answer each must get. The rows of one viewer and image run in
// order: mark, read, list, unmark, read again.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as bookmark from "@/app/api/v1/images/[id]/bookmark/route";
import { call } from "../http";
import { addInstitutionStaff, seedFixture } from "../fixtures";
import { CURRENT, IMAGES, OWN_OR_STAFF, SEES, VIEWERS, as as asKind, type ImageKind, type MatrixWorld, type ViewerKind } from "../viewer-kinds";

let world: MatrixWorld;
beforeAll(async () => {
  world = await addInstitutionStaff(await seedFixture());
});

const SIGNED_OUT: ViewerKind[] = ["anonymous", "revoked token"];
const as = (viewer: ViewerKind) => asKind(world, viewer);

/** Reading: 401 for a bad token, 404 hidden, else 200 (anonymous viewers too). */
const readStatus = (viewer: ViewerKind, image: ImageKind) => (viewer === "revoked token" ? 401 : SEES[viewer].includes(image) ? 200 : 404);
/** Marking and unmarking: 401 without a viewer, 404 hidden, else 204. */
const writeStatus = (viewer: ViewerKind, image: ImageKind) => (SIGNED_OUT.includes(viewer) ? 401 : SEES[viewer].includes(image) ? 204 : 404);

const rows = VIEWERS.flatMap((viewer) => IMAGES.map((image) => [viewer, image] as const));

describe.each(rows)("%s × %s image", (viewer, image) => {
  const id = () => world.images[image];
  const path = () => `/api/v1/images/${id()}/bookmark`;
  const send = (handler: typeof bookmark.PUT, method: string) => call(handler, path(), { method, params: { id: id() }, ...as(viewer) });
  const marks = () => writeStatus(viewer, image) === 204;
  const listed = async (query: string) => {
    const { status, body } = await call(collection.GET, `/api/v1/images?bookmarked=true&page_size=1000${query}`, as(viewer));
    if (SIGNED_OUT.includes(viewer)) {
      expect(status).toBe(401);
      return null;
    }
    expect(status).toBe(200);
    return body.results.some((result: { id: string }) => result.id === id());
  };

  it("PUT /images/{id}/bookmark", async () => {
    expect((await send(bookmark.PUT, "PUT")).status).toBe(writeStatus(viewer, image));
  });

  it("GET /images/{id}/bookmark after it", async () => {
    const { status, body } = await send(bookmark.GET, "GET");
    expect(status).toBe(readStatus(viewer, image));
    if (status === 200) expect(body).toEqual({ bookmarked: marks(), count: marks() ? 1 : 0 });
  });

  it("GET /images?bookmarked=true lists it only if it is marked, current and visible", async () => {
    const found = await listed("");
    if (found !== null) expect(found).toBe(marks() && CURRENT.includes(image));
  });

  it("GET /images?bookmarked=true&include_end_dated=true adds a retired one only under rules 2 and 3", async () => {
    const found = await listed("&include_end_dated=true");
    if (found !== null) expect(found).toBe(marks() && (CURRENT.includes(image) || OWN_OR_STAFF.includes(viewer)));
  });

  it("DELETE /images/{id}/bookmark", async () => {
    expect((await send(bookmark.DELETE, "DELETE")).status).toBe(writeStatus(viewer, image));
  });

  it("GET /images/{id}/bookmark after it, and the list without it", async () => {
    const { status, body } = await send(bookmark.GET, "GET");
    expect(status).toBe(readStatus(viewer, image));
    if (status === 200) expect(body).toEqual({ bookmarked: false, count: 0 });
    const found = await listed("&include_end_dated=true");
    if (found !== null) expect(found).toBe(false);
  });
});
