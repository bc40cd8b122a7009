// Pages, counts and facets are remembered while the catalog holds still (lib/images/catalog-cache.ts).
// These tests change the catalog the way another app process would, through a connection of its
// own and behind this process's back, and expect this process's very next answer to show it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as tagsRoute from "@/app/api/v1/tags/route";
import { createDb, db } from "@/lib/db/client";
import { createImageRecord, type NewImage } from "@/lib/images/create-image";
import { tagFacets } from "@/lib/images/tag-facets";
import { rememberedWhileCatalogHolds } from "@/lib/images/catalog-cache";
import { imageListQuerySchema } from "@/lib/validations/images";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
const otherProcess = createDb(process.env.DATABASE_URL);
beforeAll(async () => {
  world = await seedFixture();
});
afterAll(() => otherProcess.$disconnect());

type ViewerKind = "anonymous" | "alice" | "bob" | "carol";
const as = (viewer: ViewerKind): CallOptions => (viewer === "anonymous" ? {} : { session: world.users[viewer] });

async function count(viewer: ViewerKind, query = ""): Promise<number> {
  const { status, body } = await call(collection.GET, `/api/v1/images?page_size=1${query}`, as(viewer));
  expect(status).toBe(200);
  return body.count;
}

async function names(viewer: ViewerKind, query = ""): Promise<string[]> {
  const { status, body } = await call(collection.GET, `/api/v1/images?page_size=100${query}`, as(viewer));
  expect(status).toBe(200);
  return body.results.map((image: { name: string }) => image.name);
}

async function counts(query = "") {
  const entries = await Promise.all((["anonymous", "alice", "bob", "carol"] as const).map(async (viewer) => [viewer, await count(viewer, query)] as const));
  return Object.fromEntries(entries) as Record<ViewerKind, number>;
}

const tagCount = async (name: string) => {
  const { body } = await call(tagsRoute.GET, "/api/v1/tags?page_size=1000");
  return (body.results as { name: string; image_count: number }[]).find((tag) => tag.name === name)?.image_count ?? 0;
};

const elsewhere = (name: string, extra: Partial<NewImage> = {}) =>
  createImageRecord(otherProcess, {
    name,
    description: "Written by another process",
    createdBy: world.users.alice,
    tags: ["Elsewhere"],
    private: false,
    sharedWithIds: [],
    versions: [{ version: "1", providerId: world.providers.p1.id }],
    ...extra,
  });

const catalogVersion = async () => (await db.catalogVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

describe("remembered counts and facets", () => {
  it("count and list an image another process adds, at once", async () => {
    const before = await counts();
    expect(await counts()).toEqual(before);
    expect(await names("carol")).not.toContain("Added Elsewhere");
    await elsewhere("Added Elsewhere");
    expect(await names("carol")).toContain("Added Elsewhere");
    const after = await counts();
    expect(after).toEqual({ anonymous: before.anonymous + 1, alice: before.alice + 1, bob: before.bob + 1, carol: before.carol + 1 });
    expect(await tagCount("Elsewhere")).toBe(1);
  });

  it("count a private image only for its creator and those it is shared with", async () => {
    const before = await counts();
    await elsewhere("Private Elsewhere", { private: true, sharedWithIds: [world.users.bob.id] });
    expect(await counts()).toEqual({ ...before, alice: before.alice + 1, bob: before.bob + 1 });
  });

  it("drop an image made private by a bare UPDATE from another connection", async () => {
    const before = await counts();
    const facets = async () => tagFacets(null, imageListQuerySchema.parse({}));
    expect(await facets()).toContainEqual({ name: "Ubuntu", count: 1 });
    await otherProcess.$executeRaw`UPDATE images SET private = TRUE WHERE id = ${world.images.public}`;
    expect(await counts()).toEqual({ ...before, anonymous: before.anonymous - 1, bob: before.bob - 1, carol: before.carol - 1 });
    expect(await names("carol")).not.toContain("Ubuntu 22.04 Base");
    expect(await names("alice")).toContain("Ubuntu 22.04 Base");
    expect((await facets()).map((facet) => facet.name)).not.toContain("Ubuntu");
    await otherProcess.$executeRaw`UPDATE images SET private = FALSE WHERE id = ${world.images.public}`;
    expect(await counts()).toEqual(before);
  });

  it("count what another process's search text says", async () => {
    expect(await count("anonymous", "&search=quokka")).toBe(0);
    await otherProcess.$executeRaw`UPDATE image_search SET text = ${"ubuntu 22.04 base\nnow with quokka"} WHERE image_id = ${world.images.public}`;
    expect(await count("anonymous", "&search=quokka")).toBe(1);
    expect(await names("anonymous", "&search=quokka")).toEqual(["Ubuntu 22.04 Base"]);
  });

  it("never remember what this process's own transaction writes and then rolls back", async () => {
    const before = await counts();
    const rolledBack = db.$transaction(async (tx) => {
      await createImageRecord(tx, {
        name: "Rolled Back",
        description: "Never committed",
        createdBy: world.users.alice,
        tags: ["Phantom"],
        private: false,
        sharedWithIds: [],
        versions: [{ version: "1", providerId: world.providers.p1.id }],
      });
      // Requests served while the transaction is open see the catalog as committed.
      expect(await counts()).toEqual(before);
      expect(await tagCount("Phantom")).toBe(0);
      throw new Error("rolled back");
    });
    await expect(rolledBack).rejects.toThrow("rolled back");
    expect(await counts()).toEqual(before);
    expect(await names("carol")).not.toContain("Rolled Back");
  });

  it("drop an image when its end_date passes, with no write to tell", async () => {
    const endsSoon = new Date(Date.now() + 1500);
    await elsewhere("Ends Soon", { endDate: endsSoon, tags: ["Soon"] });
    const version = await catalogVersion();
    expect(await count("carol", "&search=ends%20soon")).toBe(1);
    expect(await names("carol")).toContain("Ends Soon");
    expect(await tagCount("Soon")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, endsSoon.getTime() - Date.now() + 50));
    expect(await count("carol", "&search=ends%20soon")).toBe(0);
    expect(await names("carol")).not.toContain("Ends Soon");
    expect(await tagCount("Soon")).toBe(0);
    expect(await catalogVersion()).toBe(version);
  });

  it("compute a value once for requests that miss it together, and again after the next write", async () => {
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { computed };
    };
    const together = await Promise.all(Array.from({ length: 8 }, () => rememberedWhileCatalogHolds("test:single-flight", compute)));
    expect(computed).toBe(1);
    expect(together.every((value) => value.computed === 1)).toBe(true);
    await otherProcess.$executeRaw`UPDATE images SET description = 'Bumps the version' WHERE id = ${world.images.public}`;
    await Promise.all(Array.from({ length: 8 }, () => rememberedWhileCatalogHolds("test:single-flight", compute)));
    expect(computed).toBe(2);
  });
});
