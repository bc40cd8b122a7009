// Favorites (SPEC §8): PUT and DELETE /images/{id}/bookmark, GET its state and count, and
// GET /images?bookmarked=true with every other parameter, through the catalog's caches.
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as bookmark from "@/app/api/v1/images/[id]/bookmark/route";
import { createDb, db } from "@/lib/db/client";
import { tagFacets } from "@/lib/images/tag-facets";
import { bookmarkedAmong } from "@/lib/bookmarks/bookmarked-among";
import { imageListQuerySchema } from "@/lib/validations/images";
import { BASE, call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
const otherProcess = createDb(process.env.DATABASE_URL);
beforeAll(async () => {
  world = await seedFixture();
});
afterAll(() => otherProcess.$disconnect());

type Who = "alice" | "bob" | "carol" | "staff";
const as = (who: Who | null): CallOptions => (who ? { session: world.users[who] } : {});
const path = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/bookmark`;

const put = (id: string, who: Who | null, extra: CallOptions = {}) => call(bookmark.PUT, path(id), { method: "PUT", params: { id }, ...as(who), ...extra });
const remove = (id: string, who: Who | null) => call(bookmark.DELETE, path(id), { method: "DELETE", params: { id }, ...as(who) });
const state = (id: string, who: Who | null) => call(bookmark.GET, path(id), { params: { id }, ...as(who) });
async function favorites(who: Who, query = "") {
  const answer = await call(collection.GET, `/api/v1/images?bookmarked=true${query}`, as(who));
  expect(answer.status).toBe(200);
  return answer.body as { count: number; next: string | null; results: { id: string; name: string }[] };
}
const favoriteNames = async (who: Who, query = "") => (await favorites(who, query)).results.map((image) => image.name);
/** Every row of the bookmarks table, unmarked ones too: nothing may remove one. */
const rows = () => db.bookmark.findMany({ orderBy: [{ userId: "asc" }, { imageId: "asc" }] });
const catalogVersion = async () => (await db.catalogVersion.findUniqueOrThrow({ where: { id: 1 } })).version;
async function unmarkAll() {
  await db.bookmark.updateMany({ where: { removedAt: null }, data: { removedAt: new Date() } });
}

describe("PUT and DELETE /images/{id}/bookmark", () => {
  it("mark and unmark idempotently, with 204 and no body, and the count follows", async () => {
    const id = world.images.public;
    expect(await state(id, "carol")).toMatchObject({ status: 200, body: { bookmarked: false, count: 0 } });
    for (let i = 0; i < 2; i++) {
      const answer = await put(id, "carol");
      expect(answer.status).toBe(204);
      expect(answer.body).toBe("");
    }
    expect((await state(id, "carol")).body).toEqual({ bookmarked: true, count: 1 });
    expect((await put(id, "bob")).status).toBe(204);
    expect((await state(id, "carol")).body).toEqual({ bookmarked: true, count: 2 });
    expect((await state(id, "alice")).body).toEqual({ bookmarked: false, count: 2 });
    expect((await state(id, null)).body).toEqual({ bookmarked: false, count: 2 });
    for (let i = 0; i < 2; i++) expect((await remove(id, "carol")).status).toBe(204);
    expect((await state(id, "carol")).body).toEqual({ bookmarked: false, count: 1 });
    // Removing what was never marked is fine too.
    expect((await remove(id, "alice")).status).toBe(204);
    expect((await state(id, null)).body).toEqual({ bookmarked: false, count: 1 });
    await unmarkAll();
  });

  it("never remove a row: unmarking keeps it with removed_at, marking again clears it and dates it anew", async () => {
    const id = world.images.scheduled;
    await put(id, "carol");
    const [first] = (await rows()).filter((row) => row.imageId === id);
    await put(id, "carol");
    expect((await rows()).find((row) => row.imageId === id)).toEqual(first);
    await remove(id, "carol");
    const unmarked = (await rows()).filter((row) => row.imageId === id);
    expect(unmarked).toHaveLength(1);
    expect(unmarked[0].removedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await put(id, "carol");
    const again = (await rows()).filter((row) => row.imageId === id);
    expect(again).toHaveLength(1);
    expect(again[0].removedAt).toBeNull();
    expect(again[0].createdAt.getTime()).toBeGreaterThan(first.createdAt.getTime());
    await unmarkAll();
  });

  it("mark once under concurrent marks of the same viewer", async () => {
    const id = world.images.bobsPublic;
    const answers = await Promise.all(Array.from({ length: 8 }, () => put(id, "carol")));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(204));
    expect((await state(id, "carol")).body).toEqual({ bookmarked: true, count: 1 });
    await unmarkAll();
  });

  it("is a 401 for anonymous callers and bad tokens, before anything else", async () => {
    for (const send of [put, remove]) {
      const anonymous = await send("not-even-an-id", null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Token");
      const revoked = await call(send === put ? bookmark.PUT : bookmark.DELETE, path(world.images.public), {
        method: send === put ? "PUT" : "DELETE",
        params: { id: world.images.public },
        token: world.tokens.revoked,
      });
      expect(revoked.status).toBe(401);
    }
    expect((await call(bookmark.GET, path(world.images.public), { params: { id: world.images.public }, token: world.tokens.expired })).status).toBe(401);
    expect((await rows()).filter((row) => row.removedAt === null)).toEqual([]);
  });

  it("is a 404 where the viewer may not see the image, and writes nothing", async () => {
    const before = await rows();
    for (const id of [world.images.private, world.images.shared, world.images.retired, world.images.retiredShared]) {
      expect((await put(id, "carol")).status).toBe(404);
      expect((await remove(id, "carol")).status).toBe(404);
      expect((await state(id, "carol")).status).toBe(404);
      expect((await state(id, null)).status).toBe(404);
    }
    expect(await rows()).toEqual(before);
  });

  it("answers hostile ids with a 404 problem, never a 500", async () => {
    const ids = ["not-a-uuid", "../images", "'; DROP TABLE bookmarks; --", "\u0000", "x".repeat(5000), `${world.images.public}x`, "00000000-0000-0000-0000-000000000000", "%00"];
    for (const id of ids) {
      for (const send of [put, remove, state]) {
        const answer = await send(id, "carol");
        expect(answer.status, id).toBe(404);
        expect(answer.headers.get("content-type")).toBe("application/problem+json");
      }
    }
    // An id in capitals names the same image: the mark is on its one id.
    expect((await put(world.images.public.toUpperCase(), "carol")).status).toBe(204);
    expect((await state(world.images.public, "carol")).body).toEqual({ bookmarked: true, count: 1 });
    await unmarkAll();
  });

  it("never reads a body: JSON, broken JSON, text or two megabytes mark the same", async () => {
    const id = world.images.public;
    const bodies: CallOptions[] = [
      { body: { bookmarked: false, user: "alice" } },
      { body: "{not json" },
      { body: "plain text", headers: { "Content-Type": "text/plain" } },
      { body: JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024) }) },
    ];
    for (const extra of bodies) {
      expect((await put(id, "carol", extra)).status).toBe(204);
      expect((await state(id, "carol")).body).toEqual({ bookmarked: true, count: 1 });
    }
    expect((await rows()).filter((row) => row.removedAt === null)).toHaveLength(1);
    await unmarkAll();
  });

  it("answers other methods with 405 and Allow", async () => {
    const answer = await call(bookmark.POST, path(world.images.public), { method: "POST", params: { id: world.images.public }, ...as("carol") });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, HEAD, PUT, DELETE, OPTIONS");
  });
});

describe("GET /images?bookmarked=true", () => {
  it("lists the viewer's favorites only, and a 401 without a viewer", async () => {
    await put(world.images.public, "bob");
    await put(world.images.shared, "bob");
    await put(world.images.bobsPublic, "carol");
    expect(await favoriteNames("bob")).toEqual(["Shared Lab Notebook", "Ubuntu 22.04 Base"]);
    expect(await favoriteNames("carol")).toEqual(["Bob Rocky Linux"]);
    expect(await favoriteNames("alice")).toEqual([]);
    const anonymous = await call(collection.GET, "/api/v1/images?bookmarked=true");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toMatch(/favorites/);
    expect((await call(collection.GET, "/api/v1/images?bookmarked=true", { token: world.tokens.revoked })).status).toBe(401);
    // bookmarked=false is the whole catalog, as without it.
    const all = await call(collection.GET, "/api/v1/images?page_size=100", as("bob"));
    expect((await call(collection.GET, "/api/v1/images?page_size=100&bookmarked=false", as("bob"))).body).toEqual(all.body);
    await unmarkAll();
  });

  it("leaves out a favorite the viewer can no longer see, whose GET is then a 404, and brings it back with the image", async () => {
    await put(world.images.shared, "bob");
    expect(await favoriteNames("bob")).toEqual(["Shared Lab Notebook"]);
    const unshare = await call(single.PATCH, `/api/v1/images/${world.images.shared}`, { method: "PATCH", params: { id: world.images.shared }, body: { shared_with: [] }, ...as("alice") });
    expect(unshare.status).toBe(200);
    expect(await favoriteNames("bob")).toEqual([]);
    expect((await favorites("bob")).count).toBe(0);
    expect((await state(world.images.shared, "bob")).status).toBe(404);
    expect((await remove(world.images.shared, "bob")).status).toBe(404);
    // Shared again, the favorite was kept all along.
    await call(single.PATCH, `/api/v1/images/${world.images.shared}`, { method: "PATCH", params: { id: world.images.shared }, body: { shared_with: ["bob"] }, ...as("alice") });
    expect(await favoriteNames("bob")).toEqual(["Shared Lab Notebook"]);
    await unmarkAll();
  });

  it("leaves out a retired favorite, but include_end_dated shows it to its creator and staff", async () => {
    const { images } = world;
    for (const who of ["alice", "staff"] as const) {
      await put(images.retired, who);
      await put(images.public, who);
      expect(await favoriteNames(who)).toEqual(["Ubuntu 22.04 Base"]);
      expect(await favoriteNames(who, "&include_end_dated=true")).toEqual(["Retired CentOS 6", "Ubuntu 22.04 Base"]);
    }
    // Marked while it was current, a scheduled image leaves the favorites when it is retired.
    await put(images.scheduled, "carol");
    expect(await favoriteNames("carol")).toEqual(["Workshop Genomics Box"]);
    await db.image.update({ where: { id: images.scheduled }, data: { endDate: new Date(Date.now() - 1000) } });
    expect(await favoriteNames("carol")).toEqual([]);
    expect(await favoriteNames("carol", "&include_end_dated=true")).toEqual([]);
    expect((await state(images.scheduled, "carol")).status).toBe(404);
    await db.image.update({ where: { id: images.scheduled }, data: { endDate: new Date(Date.now() + 24 * 60 * 60 * 1000) } });
    await unmarkAll();
  });

  it("combines with every other parameter, pages and links", async () => {
    const { images } = world;
    for (const id of [images.public, images.shared, images.scheduled, images.bobsPublic]) await put(id, "bob");
    expect(await favoriteNames("bob")).toEqual(["Bob Rocky Linux", "Workshop Genomics Box", "Shared Lab Notebook", "Ubuntu 22.04 Base"]);
    expect(await favoriteNames("bob", "&search=genomics")).toEqual(["Workshop Genomics Box"]);
    expect(await favoriteNames("bob", "&tag=featured")).toEqual(["Bob Rocky Linux", "Ubuntu 22.04 Base"]);
    expect(await favoriteNames("bob", "&tag=featured&tag=rocky")).toEqual(["Bob Rocky Linux"]);
    expect(await favoriteNames("bob", "&created_by=alice&ordering=name")).toEqual(["Shared Lab Notebook", "Ubuntu 22.04 Base", "Workshop Genomics Box"]);
    expect(await favoriteNames("bob", `&provider=${world.providers.p2.id}`)).toEqual(["Bob Rocky Linux"]);
    expect(await favoriteNames("bob", "&shared_with_me=true")).toEqual(["Shared Lab Notebook"]);
    expect(await favoriteNames("bob", "&ordering=-name")).toEqual(["Workshop Genomics Box", "Ubuntu 22.04 Base", "Shared Lab Notebook", "Bob Rocky Linux"]);

    const first = await favorites("bob", "&page_size=3&ordering=name");
    expect(first.count).toBe(4);
    expect(first.next).toBe(`${BASE}/api/v1/images?bookmarked=true&page_size=3&ordering=name&page=2`);
    const second = await call(collection.GET, first.next!.slice(BASE.length), as("bob"));
    expect(second.body.results.map((image: { name: string }) => image.name)).toEqual(["Workshop Genomics Box"]);
    expect((await call(collection.GET, "/api/v1/images?bookmarked=true&page=3&page_size=3", as("bob"))).status).toBe(404);
    await unmarkAll();
  });

  it("answers a bad value with a 400 naming bookmarked", async () => {
    for (const value of ["yes", "", "TRUE ", "2", "[]"]) {
      const answer = await call(collection.GET, `/api/v1/images?bookmarked=${encodeURIComponent(value)}`, as("bob"));
      expect(answer.status, value).toBe(400);
      expect(Object.keys(answer.body.errors)).toEqual(["bookmarked"]);
    }
  });

  it("marks the cards of a page for their viewer only", async () => {
    await put(world.images.public, "bob");
    const ids = Object.values(world.images);
    expect([...(await bookmarkedAmong(world.users.bob, ids))]).toEqual([world.images.public]);
    expect([...(await bookmarkedAmong(world.users.carol, ids))]).toEqual([]);
    expect([...(await bookmarkedAmong(null, ids))]).toEqual([]);
    await unmarkAll();
  });
});

describe("favorites and the catalog's caches", () => {
  it("never serve one viewer's favorites to another, whatever was asked before", async () => {
    await put(world.images.public, "bob");
    await put(world.images.bobsPublic, "carol");
    // The same parameters, again and again, one viewer after the other: each gets their own.
    for (let round = 0; round < 3; round++) {
      for (const query of ["", "&page_size=12", "&tag=featured"]) {
        expect(await favoriteNames("bob", query)).toEqual(["Ubuntu 22.04 Base"]);
        expect(await favoriteNames("carol", query)).toEqual(["Bob Rocky Linux"]);
        expect(await favoriteNames("alice", query)).toEqual([]);
      }
    }
    const facets = async (who: Who) => tagFacets(world.users[who], imageListQuerySchema.parse({ bookmarked: "true" }));
    expect(await facets("bob")).toEqual([{ name: "Featured", count: 1 }, { name: "Ubuntu", count: 1 }]);
    expect(await facets("carol")).toEqual([{ name: "Featured", count: 1 }, { name: "Rocky", count: 1 }]);
    await unmarkAll();
  });

  it("show a mark or unmark made by another process at once, with no catalog write to tell", async () => {
    const version = await catalogVersion();
    // Warm every cache this viewer's catalog could use.
    expect(await favoriteNames("carol")).toEqual([]);
    expect((await favorites("carol", "&tag=featured")).count).toBe(0);
    const facets = () => tagFacets(world.users.carol, imageListQuerySchema.parse({ bookmarked: "true" }));
    expect(await facets()).toEqual([]);

    const key = { userId: world.users.carol.id, imageId: world.images.public };
    await otherProcess.bookmark.upsert({ where: { userId_imageId: key }, create: key, update: { removedAt: null } });
    expect(await favoriteNames("carol")).toEqual(["Ubuntu 22.04 Base"]);
    expect((await favorites("carol", "&tag=featured")).count).toBe(1);
    expect(await facets()).toEqual([{ name: "Featured", count: 1 }, { name: "Ubuntu", count: 1 }]);
    expect((await state(world.images.public, "carol")).body).toEqual({ bookmarked: true, count: 1 });

    await otherProcess.bookmark.update({ where: { userId_imageId: key }, data: { removedAt: new Date() } });
    expect(await favoriteNames("carol")).toEqual([]);
    expect((await favorites("carol", "&tag=featured")).count).toBe(0);
    expect(await facets()).toEqual([]);
    expect(await catalogVersion()).toBe(version);
  });

  it("leave the rest of the catalog remembered: a bookmark is no catalog write", async () => {
    const version = await catalogVersion();
    await put(world.images.public, "carol");
    await remove(world.images.public, "carol");
    expect(await catalogVersion()).toBe(version);
  });
});

describe("query parameters as numbers and booleans", () => {
  // openapi-fetch, as a client generated from the document would send them, against the handlers.
  const sent: string[] = [];
  const client = (who: Who) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the typed form is compiled in tests/openapi/typed-client.test.ts
    createClient<any>({
      baseUrl: `${BASE}/api/v1`,
      fetch: async (request: Request) => {
        sent.push(request.url);
        const url = new URL(request.url);
        const answer = await call(collection.GET, url.pathname + url.search, as(who));
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
      },
    });

  it("answer numbers and booleans exactly as the strings accepted before", async () => {
    for (const id of [world.images.public, world.images.shared, world.images.scheduled, world.images.bobsPublic]) await put(id, "bob");
    const typed = await client("bob").GET("/images", {
      params: { query: { page: 2, page_size: 1, include_end_dated: true, bookmarked: true, shared_with_me: false, provider: world.providers.p1.id, ordering: "name" } },
    });
    expect(sent.at(-1)).toBe(
      `${BASE}/api/v1/images?page=2&page_size=1&include_end_dated=true&bookmarked=true&shared_with_me=false&provider=${world.providers.p1.id}&ordering=name`,
    );
    const strings = await call(
      collection.GET,
      `/api/v1/images?page=2&page_size=1&include_end_dated=1&bookmarked=1&shared_with_me=0&provider=${world.providers.p1.id}&ordering=name`,
      as("bob"),
    );
    expect(strings.status).toBe(200);
    expect(typed.data).toEqual(JSON.parse(JSON.stringify(strings.body).replaceAll("include_end_dated=1&bookmarked=1&shared_with_me=0", "include_end_dated=true&bookmarked=true&shared_with_me=false")));
    expect((typed.data as { count: number; results: { name: string }[] }).count).toBe(3);
    expect((typed.data as { results: { name: string }[] }).results.map((image) => image.name)).toEqual(["Ubuntu 22.04 Base"]);
    await unmarkAll();
  });

  it("still refuse what is no number or boolean, naming the parameter", async () => {
    const answer = await client("bob").GET("/images", { params: { query: { page: 1.5, page_size: 0, bookmarked: "maybe" } } });
    expect(answer.response.status).toBe(400);
    expect(Object.keys((answer.error as { errors: object }).errors).sort()).toEqual(["bookmarked", "page", "page_size"]);
  });
});
