// SPEC §2 rule by rule, for every kind of viewer, on list, retrieve and edit.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as tagsRoute from "@/app/api/v1/tags/route";
import { db } from "@/lib/db/client";
import { imageListSql } from "@/lib/images/image-filter";
import { imageListQuerySchema } from "@/lib/validations/images";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

type ImageKind = keyof Fixture["images"];
type ViewerKind = "anonymous" | "carol" | "alice" | "bob" | "staff" | "aliceToken";
const VIEWERS: ViewerKind[] = ["anonymous", "carol", "alice", "bob", "staff", "aliceToken"];
const ALL: ImageKind[] = ["public", "private", "shared", "retired", "scheduled", "retiredShared", "bobsPublic"];

function as(viewer: ViewerKind): CallOptions {
  if (viewer === "anonymous") return {};
  if (viewer === "aliceToken") return { token: world.tokens.alice };
  return { session: world.users[viewer] };
}

// Rules 1–4: public current to all; own (even retired) to the creator; all to staff; shared current to the shared.
const MAY_SEE: Record<ViewerKind, ImageKind[]> = {
  anonymous: ["public", "scheduled", "bobsPublic"],
  carol: ["public", "scheduled", "bobsPublic"],
  bob: ["public", "scheduled", "bobsPublic", "shared"],
  alice: ALL,
  aliceToken: ALL,
  staff: ALL,
};
const CURRENT: ImageKind[] = ["public", "private", "shared", "scheduled", "bobsPublic"];
const MAY_EDIT: Record<ViewerKind, ImageKind[]> = {
  anonymous: [],
  carol: [],
  bob: ["bobsPublic"],
  alice: ALL.filter((kind) => kind !== "bobsPublic"),
  aliceToken: ALL.filter((kind) => kind !== "bobsPublic"),
  staff: ALL,
};

async function listed(viewer: ViewerKind, query = ""): Promise<ImageKind[]> {
  const { status, body } = await call(collection.GET, `/api/v1/images?page_size=1000${query}`, as(viewer));
  expect(status).toBe(200);
  // The count adds the public part to the viewer's own: they must neither overlap nor miss.
  expect(body.count).toBe(body.results.length);
  const ids = new Set(body.results.map((image: { id: string }) => image.id));
  return ALL.filter((kind) => ids.has(world.images[kind]));
}

describe.each(VIEWERS)("viewer: %s", (viewer) => {
  it("the collection holds the current images this viewer may see", async () => {
    expect(await listed(viewer)).toEqual(MAY_SEE[viewer].filter((kind) => CURRENT.includes(kind)).sort((a, b) => ALL.indexOf(a) - ALL.indexOf(b)));
  });

  it("include_end_dated adds only the retired images of rules 2 and 3", async () => {
    const expected = viewer === "anonymous" ? MAY_SEE.anonymous : MAY_SEE[viewer];
    expect(await listed(viewer, "&include_end_dated=true")).toEqual(ALL.filter((kind) => expected.includes(kind)));
  });

  it("GET /tags counts, under each tag, the current images this viewer may see", async () => {
    const images = await call(collection.GET, "/api/v1/images?page_size=1000", as(viewer));
    const expected = new Map<string, number>();
    for (const image of images.body.results as { tags: string[] }[]) for (const tag of image.tags) expected.set(tag, (expected.get(tag) ?? 0) + 1);
    const tags = await call(tagsRoute.GET, "/api/v1/tags?page_size=1000", as(viewer));
    expect(new Map((tags.body.results as { name: string; image_count: number }[]).map((tag) => [tag.name, tag.image_count]))).toEqual(expected);
  });

  it.each(ALL)("retrieving %s: 200 when it may see it, else 404", async (kind) => {
    const { status, body } = await call(single.GET, `/api/v1/images/${world.images[kind]}`, { ...as(viewer), params: { id: world.images[kind] } });
    if (MAY_SEE[viewer].includes(kind)) {
      expect(status).toBe(200);
      expect(body.id).toBe(world.images[kind]);
      expect("shared_with" in body).toBe(MAY_EDIT[viewer].includes(kind));
    } else {
      expect(status).toBe(404);
      expect(body).toEqual({ type: expect.any(String), title: "Not Found", status: 404, detail: "No image with this id.", request_id: expect.any(String) });
    }
  });

  it.each(ALL)("editing %s: 401 anonymous, 404 hidden, 403 seen but not editable, else 200", async (kind) => {
    const id = world.images[kind];
    const { status } = await call(single.PATCH, `/api/v1/images/${id}`, {
      ...as(viewer),
      method: "PATCH",
      params: { id },
      body: { description: `edited by ${viewer}` },
    });
    const expected = viewer === "anonymous" ? 401 : !MAY_SEE[viewer].includes(kind) ? 404 : !MAY_EDIT[viewer].includes(kind) ? 403 : 200;
    expect(status).toBe(expected);
    const { description } = await db.image.findUniqueOrThrow({ where: { id } });
    expect(description === `edited by ${viewer}`).toBe(expected === 200);
  });
});

describe("time", () => {
  it("a future end_date keeps an image visible until that moment, and no longer", async () => {
    const query = imageListQuerySchema.parse({});
    const visibleAt = async (moment: Date) =>
      (await db.$queryRaw<{ id: string }[]>`SELECT i.id FROM images i WHERE ${imageListSql(null, query, moment)}`).map((image) => image.id);
    const scheduled = world.images.scheduled;
    const { endDate } = await db.image.findUniqueOrThrow({ where: { id: scheduled } });
    expect(await visibleAt(new Date(endDate!.getTime() - 1))).toContain(scheduled);
    expect(await visibleAt(endDate!)).not.toContain(scheduled);
  });

  it("a shared user loses a private image once it is retired", async () => {
    expect(await listed("bob", "&include_end_dated=true")).not.toContain("retiredShared");
  });
});

describe("tokens", () => {
  it.each([
    ["revoked", () => `Token ${world.tokens.revoked}`, "revoked"],
    ["expired", () => `Bearer ${world.tokens.expired}`, "expired"],
    ["unknown", () => "Token atmo_nope", "Invalid token"],
    ["malformed", () => "Basic YWxpY2U6cGFzcw==", "Malformed"],
    ["empty", () => "", "Malformed"],
  ])("a %s token is a 401, never anonymous", async (_name, header, detail) => {
    const { status, body, headers } = await call(collection.GET, "/api/v1/images", { headers: { Authorization: header() } });
    expect(status).toBe(401);
    expect(body.detail).toContain(detail);
    expect(headers.get("www-authenticate")).toContain("Token");
  });

  it("Bearer works as Token does", async () => {
    const { status, body } = await call(collection.GET, "/api/v1/images", { headers: { Authorization: `Bearer ${world.tokens.alice}` } });
    expect(status).toBe(200);
    expect(body.count).toBe(5);
  });

  it("a session cookie that does not decode is anonymous", async () => {
    const { status, body } = await call(collection.GET, "/api/v1/images", { headers: { Cookie: "next-auth.session-token=garbage" } });
    expect(status).toBe(200);
    expect(body.count).toBe(3);
  });
});
