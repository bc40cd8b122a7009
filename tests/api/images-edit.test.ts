import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import * as single from "@/app/api/v1/images/[id]/route";
import { db } from "@/lib/db/client";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const alice = () => ({ session: world.users.alice });
const patch = (id: string, body: unknown, options: CallOptions = alice()) =>
  call(single.PATCH, `/api/v1/images/${id}`, { method: "PATCH", params: { id }, body, ...options });
const put = (id: string, body: unknown, options: CallOptions = alice()) =>
  call(single.PUT, `/api/v1/images/${id}`, { method: "PUT", params: { id }, body, ...options });
const get = (id: string, options: CallOptions = alice()) => call(single.GET, `/api/v1/images/${id}`, { params: { id }, ...options });

describe("field rules", () => {
  it.each([
    ["name", ""],
    ["name", "   "],
    ["name", "x".repeat(257)],
    ["name", "two\nlines"],
    ["name", 42],
    ["description", "x".repeat(10_001)],
    ["description", null],
    ["tags", Array.from({ length: 51 }, (_, i) => `tag${i}`)],
    ["tags", ["x".repeat(65)]],
    ["tags", [""]],
    ["tags", ["a,b"]],
    ["tags", "Ubuntu"],
    ["end_date", "tomorrow"],
    ["end_date", "2030-01-01"],
    ["end_date", "9999-12-31T23:59:59-01:00"],
    ["end_date", "0000-01-01T00:00:00Z"],
    ["private", "yes"],
    ["shared_with", "bob"],
    ["shared_with", ["no such user"]],
  ])("%s = %j is a 400 naming the field, and changes nothing", async (field, value) => {
    const before = await db.image.findUniqueOrThrow({ where: { id: world.images.public } });
    const { status, body } = await patch(world.images.public, { [field]: value });
    expect(status).toBe(400);
    expect(body.errors[field]).toEqual([expect.any(String)]);
    expect(await db.image.findUniqueOrThrow({ where: { id: world.images.public } })).toEqual(before);
  });

  it("accepts the limits: 256-character names, 10,000-character descriptions, 50 tags of 64 characters", async () => {
    const tags = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(64, "t"));
    const { status, body } = await patch(world.images.private, { name: "n".repeat(256), description: "d".repeat(10_000), tags });
    expect(status).toBe(200);
    expect(body.name).toHaveLength(256);
    expect(body.tags).toHaveLength(50);
  });

  it("trims tags and folds duplicates case-insensitively, reusing an existing tag's spelling", async () => {
    const { status, body } = await patch(world.images.private, { tags: [" ubuntu ", "UBUNTU", "New Tag", "new tag"] });
    expect(status).toBe(200);
    expect(body.tags).toEqual(["New Tag", "Ubuntu"]);
    expect(await db.tag.count({ where: { key: "ubuntu" } })).toBe(1);
  });

  it("rejects unknown fields, also __proto__ and constructor", async () => {
    const { status, body } = await patch(world.images.public, JSON.parse('{"name":"ok","colour":"red","__proto__":{"x":1},"constructor":1}'));
    expect(status).toBe(400);
    expect(Object.keys(body.errors).sort()).toEqual(["__proto__", "colour", "constructor"]);
  });

  it("names unknown users in shared_with", async () => {
    const { body } = await patch(world.images.private, { shared_with: ["bob", "nobody", "ghost"] });
    expect(body.errors.shared_with[0]).toBe("Unknown users: nobody, ghost.");
  });
});

describe("read-only fields", () => {
  it("ignores them when sent back unchanged: a GET body can be PUT back", async () => {
    const { body: image } = await get(world.images.shared);
    const { status, body } = await put(world.images.shared, { ...image, name: "Shared Lab Notebook v2" });
    expect(status).toBe(200);
    expect(body).toEqual({ ...image, name: "Shared Lab Notebook v2" });
  });

  it("refuses a change to one", async () => {
    const { status, body } = await patch(world.images.shared, { created_by: "bob", id: "bdc31c14-f807-11e3-8ef5-b2227cce2b54" });
    expect(status).toBe(400);
    expect(body.errors).toEqual({ created_by: ["This field is read-only."], id: ["This field is read-only."] });
  });

  it("PUT needs every editable field", async () => {
    const { status, body } = await put(world.images.shared, { name: "Only a name" });
    expect(status).toBe(400);
    expect(Object.keys(body.errors).sort()).toEqual(["description", "end_date", "private", "shared_with", "tags"]);
  });
});

describe("ETag and If-Match", () => {
  it("a matching If-Match edits and gives a new ETag; the old one is then a 412 that changes nothing", async () => {
    const id = world.images.scheduled;
    const { headers } = await get(id);
    const etag = headers.get("etag")!;
    expect(etag).toMatch(/^"r\d+"$/);
    const first = await patch(id, { name: "Workshop Box A" }, { ...alice(), headers: { "If-Match": etag } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(etag);
    const stale = await patch(id, { name: "Workshop Box B" }, { ...alice(), headers: { "If-Match": etag } });
    expect(stale.status).toBe(412);
    expect((await get(id)).body.name).toBe("Workshop Box A");
    expect((await patch(id, { name: "Workshop Box C" }, { ...alice(), headers: { "If-Match": "*" } })).status).toBe(200);
  });

  it("If-None-Match with the current ETag is a 304", async () => {
    const { headers } = await get(world.images.public);
    const again = await get(world.images.public, { ...alice(), headers: { "If-None-Match": headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("concurrent edits without If-Match are all applied, one after another", async () => {
    const id = world.images.bobsPublic;
    const before = await db.image.findUniqueOrThrow({ where: { id } });
    const results = await Promise.all(
      ["one", "two", "three"].map((word) => patch(id, { description: word }, { session: world.users.bob })),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    const after = await db.image.findUniqueOrThrow({ where: { id } });
    expect(after.revision).toBe(before.revision + 3);
    expect(await db.imageEdit.count({ where: { imageId: id } })).toBe(3);
  });
});

describe("the audit record", () => {
  it("records who changed what, from what to what, and when", async () => {
    const id = world.images.public;
    const started = Date.now();
    const { status } = await patch(id, { name: "Ubuntu 22.04 Base (audited)", tags: ["Ubuntu"] }, { session: world.users.staff });
    expect(status).toBe(200);
    const edit = await db.imageEdit.findFirstOrThrow({ where: { imageId: id }, orderBy: { id: "desc" } });
    expect(edit.editorId).toBe(world.users.staff.id);
    expect(edit.at.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(JSON.parse(edit.changes)).toEqual({
      name: { from: "Ubuntu 22.04 Base", to: "Ubuntu 22.04 Base (audited)" },
      tags: { from: expect.arrayContaining(["Featured", "Ubuntu"]), to: ["Ubuntu"] },
    });
  });

  it("an edit that changes nothing writes nothing and keeps the ETag", async () => {
    const id = world.images.public;
    const { body, headers } = await get(id);
    const edits = await db.imageEdit.count({ where: { imageId: id } });
    const again = await patch(id, { name: body.name, tags: body.tags });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(headers.get("etag"));
    expect(await db.imageEdit.count({ where: { imageId: id } })).toBe(edits);
  });
});

describe("retiring, scheduling, restoring and sharing", () => {
  const visibleTo = async (options: CallOptions, id: string) =>
    (await call(collection.GET, "/api/v1/images?page_size=1000", options)).body.results.some((image: { id: string }) => image.id === id);

  it("a past end_date retires now, a future one schedules, null restores", async () => {
    const id = world.images.public;
    const retired = await patch(id, { end_date: "2001-01-01T00:00:00Z" });
    expect(Math.abs(new Date(retired.body.end_date).getTime() - Date.now())).toBeLessThan(10_000);
    expect(await visibleTo({}, id)).toBe(false);
    expect((await get(id, {})).status).toBe(404);
    expect((await get(id)).status).toBe(200);

    const future = "2099-01-01T00:00:00.000Z";
    expect((await patch(id, { end_date: "2099-01-01T01:00:00+01:00" })).body.end_date).toBe(future);
    expect(await visibleTo({}, id)).toBe(true);

    expect((await patch(id, { end_date: null })).body.end_date).toBeNull();
    expect(await visibleTo({}, id)).toBe(true);
  });

  it("shared_with decides who sees a private image, and search finds new tags", async () => {
    const id = world.images.private;
    expect(await visibleTo({ session: world.users.carol }, id)).toBe(false);
    const { body } = await patch(id, { shared_with: ["carol"], tags: ["Zebrafish"] });
    expect(body.shared_with).toEqual(["carol"]);
    expect(await visibleTo({ session: world.users.carol }, id)).toBe(true);
    expect(await visibleTo({ session: world.users.bob }, id)).toBe(false);
    const found = await call(collection.GET, "/api/v1/images?search=zebrafish", { session: world.users.carol });
    expect(found.body.results.map((image: { id: string }) => image.id)).toEqual([id]);
    await patch(id, { shared_with: [] });
    expect(await visibleTo({ session: world.users.carol }, id)).toBe(false);
  });

  it("making an image public shows it to everyone", async () => {
    const id = world.images.private;
    await patch(id, { private: false });
    expect(await visibleTo({}, id)).toBe(true);
    await patch(id, { private: true });
    expect(await visibleTo({}, id)).toBe(false);
  });
});

describe("tags", () => {
  it("two edits adding the same new tag at once both succeed, with one tag", async () => {
    const results = await Promise.all(
      [world.images.public, world.images.private].map((id) => patch(id, { tags: ["Brand New Tag"] }, { ...alice(), headers: { "If-Match": "*" } })),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    expect(await db.tag.count({ where: { key: "brand new tag" } })).toBe(1);
  });
});

describe("text", () => {
  it("stores line breaks as \\n, whichever way the client sends them", async () => {
    const { body } = await patch(world.images.scheduled, { description: "one\r\ntwo\rthree\nfour" });
    expect(body.description).toBe("one\ntwo\nthree\nfour");
  });
});
