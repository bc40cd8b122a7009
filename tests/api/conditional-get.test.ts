// Conditional GETs (If-None-Match → 304) on the catalog's collections and images: for every kind
// of viewer, a 304 never hides a change and never stands for what another viewer was shown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as imageRoute from "@/app/api/v1/images/[id]/route";
import * as tagsRoute from "@/app/api/v1/tags/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import { createDb, db } from "@/lib/db/client";
import { setBookmark } from "@/lib/bookmarks/set-bookmark";
import { createImageRecord, type NewImage } from "@/lib/images/create-image";
import { updateImage } from "@/lib/images/update-image";
import { updateVersion } from "@/lib/versions/update-version";
import { call, type CallOptions } from "../http";
import { addInstitutionStaff, seedFixture } from "../fixtures";
import { as, VIEWERS, type MatrixWorld, type ViewerKind } from "../viewer-kinds";

let world: MatrixWorld;
const otherProcess = createDb(process.env.DATABASE_URL);
beforeAll(async () => {
  world = await addInstitutionStaff(await seedFixture());
});
afterAll(() => otherProcess.$disconnect());

// Everyone who gets an answer (a revoked token gets a 401 for everything).
const VIEWING = VIEWERS.filter((viewer) => viewer !== "revoked token");
// Who each kind of viewer is: two kinds that are one user (alice in a session and through her
// token) are shown the same and may share an ETag.
const TOKEN_HOLDERS: Partial<Record<ViewerKind, () => number>> = { "valid token": () => world.users.alice.id, "institution token": () => world.users.olivia.id };
const userOf = (viewer: ViewerKind) => as(world, viewer).session?.id ?? TOKEN_HOLDERS[viewer]?.() ?? "anonymous";

type Resource = { handler: typeof collection.GET; path: string; params?: Record<string, string> };
const COLLECTIONS = ["/api/v1/images?page_size=100", "/api/v1/images?page_size=100&tag=Genomics", "/api/v1/images?page_size=100&include_end_dated=true", "/api/v1/images?page_size=1&page=2", "/api/v1/tags"];
const resources = (): Resource[] => [
  ...COLLECTIONS.map((path) => ({ handler: path.startsWith("/api/v1/tags") ? tagsRoute.GET : collection.GET, path })),
  ...Object.values(world.images).map((id) => ({ handler: imageRoute.GET, path: `/api/v1/images/${id}`, params: { id } })),
];

interface Seen {
  viewer: ViewerKind;
  resource: Resource;
  status: number;
  etag: string | null;
  body: unknown;
}

const get = (viewer: ViewerKind, resource: Resource, headers: Record<string, string> = {}) =>
  call(resource.handler, resource.path, { ...(as(world, viewer) as CallOptions), params: resource.params, headers });

async function snapshot(): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const viewer of VIEWING) {
    for (const resource of resources()) {
      const { status, headers, body } = await get(viewer, resource);
      seen.push({ viewer, resource, status, etag: headers.get("etag"), body });
    }
  }
  return seen;
}

/**
 * Sends every ETag of `before` back. A 304 must mean the answer in full is still what it was;
 * returns how many were 304 and 200, by whether the resource is a collection.
 */
async function revalidate(before: Seen[]) {
  const tally = { collections: { 304: 0, 200: 0 }, images: { 304: 0, 200: 0 } };
  for (const { viewer, resource, etag, body } of before) {
    if (etag === null) continue;
    const conditional = await get(viewer, resource, { "If-None-Match": etag });
    const fresh = await get(viewer, resource);
    if (conditional.status === 304) {
      expect(conditional.body, `${viewer} ${resource.path}`).toBe("");
      expect(conditional.headers.get("etag")).toBe(etag);
      expect(fresh.body, `a 304 hid a change of ${resource.path} from ${viewer}`).toEqual(body);
    } else {
      expect(conditional.status).toBe(fresh.status);
      if (fresh.status === 200) expect(conditional.headers.get("etag")).not.toBe(etag);
    }
    const kind = resource.handler === imageRoute.GET ? "images" : "collections";
    if (conditional.status === 304 || conditional.status === 200) tally[kind][conditional.status]++;
  }
  return tally;
}

const newImage = (name: string, extra: Partial<NewImage> = {}): NewImage => ({
  name,
  description: "Added for the ETag tests",
  createdBy: world.users.alice,
  tags: ["Genomics"],
  private: false,
  sharedWithIds: [],
  versions: [{ version: "1", providerId: world.providers.p1.id }],
  ...extra,
});

describe("conditional GETs", () => {
  it("answer 304 to the ETag just sent, for every viewer, with the headers a cache needs and no body", async () => {
    const before = await snapshot();
    const answered = before.filter((seen) => seen.status === 200);
    expect(answered.every((seen) => seen.etag !== null)).toBe(true);
    for (const seen of answered.filter((_, index) => index % 7 === 0)) {
      for (const header of [seen.etag!, seen.etag!.replace(/^W\//, ""), `"elsewhere", ${seen.etag}`, "*"]) {
        const { status, headers, body } = await get(seen.viewer, seen.resource, { "If-None-Match": header });
        expect(status, `${seen.viewer} ${seen.resource.path} ${header}`).toBe(304);
        expect(body).toBe("");
        expect(headers.get("etag")).toBe(seen.etag);
        expect(headers.get("cache-control")).toBe("private, no-cache");
        expect(headers.get("vary")).toBe("Authorization, Cookie");
      }
      expect((await get(seen.viewer, seen.resource, { "If-None-Match": '"elsewhere"' })).status).toBe(200);
    }
    expect(await revalidate(before)).toMatchObject({ collections: { 200: 0 }, images: { 200: 0 } });
  });

  it("never answer 304 to an ETag made for another viewer, unless what both are shown is the same", async () => {
    const before = await snapshot();
    for (const mine of before.filter((seen) => seen.etag !== null)) {
      for (const viewer of VIEWING.filter((other) => userOf(other) !== userOf(mine.viewer))) {
        const theirs = await get(viewer, mine.resource, { "If-None-Match": mine.etag! });
        if (mine.resource.handler !== imageRoute.GET) expect(theirs.status, `${viewer} with ${mine.viewer}'s ETag of ${mine.resource.path}`).not.toBe(304);
        if (theirs.status === 304) expect((await get(viewer, mine.resource)).body).toEqual(mine.body);
      }
    }
  });

  it("the image's creator and staff, who see shared_with, have an ETag of their own, and theirs is the one If-Match takes", async () => {
    const id = world.images.shared;
    const resource = { handler: imageRoute.GET, path: `/api/v1/images/${id}`, params: { id } };
    const creator = await get("creator", resource);
    const sharedWith = await get("shared-with user", resource);
    expect(creator.body.shared_with).toEqual(["bob"]);
    expect(sharedWith.body.shared_with).toBeUndefined();
    expect(creator.headers.get("etag")).not.toBe(sharedWith.headers.get("etag"));
    expect((await get("staff", resource)).headers.get("etag")).toBe(creator.headers.get("etag"));
    expect((await get("shared-with user", resource, { "If-None-Match": creator.headers.get("etag")! })).status).toBe(200);
    const edited = await call(imageRoute.PATCH, resource.path, {
      method: "PATCH",
      session: world.users.alice,
      params: resource.params,
      headers: { "If-Match": creator.headers.get("etag")! },
      body: { description: "Edited under the creator's ETag" },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).toBe((await get("creator", resource)).headers.get("etag"));
  });

  const writes: [string, () => Promise<unknown>][] = [
    ["an edit of a public image's name", () => updateImage(world.users.alice, world.images.public, { name: "Ubuntu 22.04 Renamed" }, { replace: false, ifMatch: null })],
    ["its tags", () => updateImage(world.users.alice, world.images.public, { tags: ["Ubuntu", "Genomics"] }, { replace: false, ifMatch: null })],
    ["a public image made private", () => updateImage(world.users.alice, world.images.public, { private: true }, { replace: false, ifMatch: null })],
    ["and public again", () => updateImage(world.users.alice, world.images.public, { private: false }, { replace: false, ifMatch: null })],
    ["a share with carol", () => updateImage(world.users.alice, world.images.private, { shared_with: ["carol"] }, { replace: false, ifMatch: null })],
    ["a retirement scheduled", () => updateImage(world.users.alice, world.images.public, { end_date: new Date(Date.now() + 3_600_000).toISOString() }, { replace: false, ifMatch: null })],
    ["a version retired", () => updateVersion(world.users.bob, world.images.bobsPublic, "2", { end_date: new Date(Date.now() - 1000).toISOString() }, null)],
    ["a new image", () => createImageRecord(db, newImage("Added Genomics Box"))],
    // As another app process edits: through its own connection, the revision bumped with the edit.
    ["an edit by another process", () => otherProcess.$executeRaw`UPDATE images SET description = 'Changed elsewhere', revision = revision + 1 WHERE id = ${world.images.scheduled}`],
  ];
  for (const [name, write] of writes) {
    it(`after ${name}: every collection is sent again, and no 304 hides a change`, async () => {
      const before = await snapshot();
      await write();
      const tally = await revalidate(before);
      expect(tally.collections[304]).toBe(0);
    });
  }

  it("after a favorite is marked: the catalog's answers still revalidate, favorites are always sent in full", async () => {
    const favorites = { handler: collection.GET, path: "/api/v1/images?bookmarked=true" };
    const first = await get("shared-with user", favorites);
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBeNull();
    const before = await snapshot();
    await setBookmark(world.users.bob, world.images.bobsPublic, true);
    expect(await revalidate(before)).toMatchObject({ collections: { 200: 0 }, images: { 200: 0 } });
    expect((await get("shared-with user", favorites)).body.count).toBe(first.body.count + 1);
  });

  it("after a transaction that rolls back: everything still revalidates", async () => {
    const before = await snapshot();
    const rolledBack = db.$transaction(async (tx) => {
      await createImageRecord(tx, newImage("Never Committed"));
      throw new Error("rolled back");
    });
    await expect(rolledBack).rejects.toThrow("rolled back");
    expect(await revalidate(before)).toMatchObject({ collections: { 200: 0 }, images: { 200: 0 } });
  });

  it("when a scheduled end date passes, with no write to tell: the collections that showed the image are sent again", async () => {
    await createImageRecord(db, newImage("Ends In A Moment", { endDate: new Date(Date.now() + 1500) }));
    const before = await snapshot();
    expect(before.find((seen) => seen.viewer === "anonymous" && seen.resource.path === COLLECTIONS[0])!.body).toMatchObject({
      results: expect.arrayContaining([expect.objectContaining({ name: "Ends In A Moment" })]),
    });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const tally = await revalidate(before);
    expect(tally.collections[304]).toBe(0);
  });

  it("a version answers 304 to its ETag and is sent again after its edit", async () => {
    const resource = { handler: versionRoute.GET, path: `/api/v1/images/${world.images.bobsPublic}/versions/1`, params: { id: world.images.bobsPublic, version: "1" } };
    const first = await get("anonymous", resource);
    expect((await get("anonymous", resource, { "If-None-Match": first.headers.get("etag")! })).status).toBe(304);
    await updateVersion(world.users.bob, world.images.bobsPublic, "1", { change_log: "Rebuilt." }, null);
    const again = await get("anonymous", resource, { "If-None-Match": first.headers.get("etag")! });
    expect(again.status).toBe(200);
    expect(again.body.change_log).toBe("Rebuilt.");
  });

  it("a version whose parent is another image: its ETag follows the parent as each viewer is shown it", async () => {
    const parentImage = await createImageRecord(db, newImage("Parent Box", { private: true, tags: [] }));
    const childImage = await createImageRecord(db, newImage("Child Box", { createdBy: world.users.bob, tags: [] }));
    const versionOf = (imageId: string) => db.version.findFirstOrThrow({ where: { imageId, name: "1" } });
    await db.version.update({ where: { id: (await versionOf(childImage)).id }, data: { parentId: (await versionOf(parentImage)).id } });
    const resource = { handler: versionRoute.GET, path: `/api/v1/images/${childImage}/versions/1`, params: { id: childImage, version: "1" } };

    const creatorOfParent = await get("creator", resource);
    const plain = await get("plain user", resource);
    expect(creatorOfParent.body.parent).toMatchObject({ image: parentImage, image_name: "Parent Box" });
    expect(plain.body.parent).toBeNull();
    // Two representations, two ETags: the one shown the parent's creator is no 304 for carol.
    expect((await get("plain user", resource, { "If-None-Match": creatorOfParent.headers.get("etag")! })).status).toBe(200);

    // The parent shared with carol: her answer now shows it.
    await updateImage(world.users.alice, parentImage, { shared_with: ["carol"] }, { replace: false, ifMatch: null });
    const shared = await get("plain user", resource, { "If-None-Match": plain.headers.get("etag")! });
    expect(shared.status).toBe(200);
    expect(shared.body.parent).toMatchObject({ image_name: "Parent Box" });

    // The parent renamed: the name it shows changes, though this version was not edited.
    await updateImage(world.users.alice, parentImage, { name: "Parent Box Renamed" }, { replace: false, ifMatch: null });
    const renamed = await get("creator", resource, { "If-None-Match": creatorOfParent.headers.get("etag")! });
    expect(renamed.status).toBe(200);
    expect(renamed.body.parent.image_name).toBe("Parent Box Renamed");

    // The ETag shown is one If-Match takes.
    const edited = await call(versionRoute.PATCH, resource.path, {
      method: "PATCH",
      session: world.users.bob,
      params: resource.params,
      headers: { "If-Match": (await get("shared-with user", resource)).headers.get("etag")! },
      body: { change_log: "Edited under the reader's ETag." },
    });
    expect(edited.status).toBe(200);
  });
});
