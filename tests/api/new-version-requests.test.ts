// SPEC §7: a request makes the next version of the image the instance was launched from, or a
// new image (a fork), with the defaults and refusals of the contract.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import * as versionsRoute from "@/app/api/v1/images/[id]/versions/route";
import * as imageRoute from "@/app/api/v1/images/[id]/route";
import * as instancesRoute from "@/app/api/v1/instances/route";
import { db } from "@/lib/db/client";
import { createImageRecord } from "@/lib/images/create-image";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";

let world: Fixture;
afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  world = await seedFixture();
});

const alice = () => ({ session: world.users.alice });
const staff = () => ({ session: world.users.staff });

/** An instance of `owner`'s launched from `image`'s version `version`. */
async function launchedFrom(owner: "alice" | "bob", image: string, version = "1") {
  const source = await db.version.findFirstOrThrow({ where: { imageId: image, name: version } });
  const identity = owner === "alice" ? world.identities.aliceIdentity : world.identities.bobIdentity;
  return db.instance.create({ data: { name: `${owner}-from-${version}-${Math.random()}`, providerId: world.providers.p1.id, identityId: identity.id, sourceVersionId: source.id } });
}

async function ownImage(name: string, versions: string[], extra: { createdBy?: { id: number; username: string } } = {}) {
  return createImageRecord(db, {
    name,
    description: "The first description.",
    createdBy: extra.createdBy ?? world.users.alice,
    tags: ["Base"],
    private: false,
    sharedWithIds: [world.users.bob.id],
    versions: versions.map((version, index) => ({ version, providerId: world.providers.p1.id, startDate: new Date(Date.now() - (10 - index) * 60_000) })),
  });
}

const submit = (instance: string, body: Record<string, unknown> = {}, as: CallOptions = alice(), identity = world.identities.aliceIdentity.id) =>
  call(requestImageRoute.POST, `/api/v1/provider/${world.providers.p1.id}/identity/${identity}/request_image/`, {
    method: "POST",
    params: { providerId: String(world.providers.p1.id), identityId: identity },
    body: { ...seedRequestBody(instance, world.providers.p1.id, "Next build"), ...body },
    ...as,
  });

async function complete(id: number) {
  for (const status of ["approved", "completed"]) {
    const moved = await call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body: { status }, ...staff() });
    if (moved.status !== 200) return moved;
  }
  return call(requestRoute.GET, `/api/v1/image_requests/${id}`, { params: { id: String(id) }, ...staff() });
}

const versionsOf = async (id: string, as: CallOptions = alice()) => (await call(versionsRoute.GET, `/api/v1/images/${id}/versions`, { params: { id }, ...as })).body.results;

describe("a request on an instance launched from an image the requester may edit", () => {
  it("is a new version by default, and completing it adds version N+1 to that image in one go", async () => {
    const image = await ownImage("Alice Pipeline", ["1", "2.1"]);
    const instance = await launchedFrom("alice", image, "2.1");
    const instances = await call(instancesRoute.GET, "/api/v1/instances?page_size=100", alice());
    expect(instances.body.results.find((row: { alias: string }) => row.alias === instance.alias)).toMatchObject({ image, version: "2.1" });

    const submitted = await submit(instance.alias, {
      description: "Now with STAR 2.7.",
      tags: ["RNA-seq"],
      vis: "private",
      change_log: "STAR 2.7 and a new index.",
      min_cpu: 4,
      min_memory_gb: 16,
      min_disk_gb: 0,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ fork: false, version_name: null, source: { image, image_name: "Alice Pipeline", version: "2.1" }, min_disk_gb: 0 });

    const done = await complete(submitted.body.id);
    expect(done.body).toMatchObject({ status: "completed", image, version_name: "3" });
    const versions = await versionsOf(image);
    expect(versions.map((version: { version: string }) => version.version)).toEqual(["1", "2.1", "3"]);
    expect(versions[2]).toMatchObject({
      change_log: "STAR 2.7 and a new index.",
      parent: { image, version: "2.1" },
      created_by: "alice",
      min_cpu: 4,
      min_memory_gb: 16,
      min_disk_gb: 0,
      software: seedRequestBody("", 1).software,
      machines: [{ provider: world.providers.p1.id, end_date: null }],
    });
    // The name stays; the description is replaced, the tags added, vis private: only alice and staff.
    const after = (await call(imageRoute.GET, `/api/v1/images/${image}`, { params: { id: image }, ...alice() })).body;
    expect(after).toMatchObject({ name: "Alice Pipeline", description: "Now with STAR 2.7.", tags: ["Base", "RNA-seq"], private: true, shared_with: [] });
    expect(after.versions.map((machine: { version: string }) => machine.version)).toEqual(["1", "2.1", "3"]);
    const audit = await db.imageEdit.findFirstOrThrow({ where: { imageId: image, versionId: null }, orderBy: { id: "desc" } });
    expect(Object.keys(JSON.parse(audit.changes)).sort()).toEqual(["description", "private", "shared_with", "tags"]);
  });

  it("takes a version_name the image does not have, and refuses one it has (400)", async () => {
    const image = await ownImage("Alice Named", ["1"]);
    const instance = await launchedFrom("alice", image);
    const taken = await submit(instance.alias, { version_name: "1" });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual({ version_name: ["The image already has this version."] });
    const named = await submit(instance.alias, { version_name: "1.5-gpu" });
    expect(named.status).toBe(201);
    expect((await complete(named.body.id)).body.version_name).toBe("1.5-gpu");
    for (const bad of ["", "a b", "../2", "x".repeat(65), 2]) expect((await submit(instance.alias, { version_name: bad })).status).toBe(400);
  });

  it("is a 409 at completion when the name was taken meanwhile, and leaves the image as it was", async () => {
    const image = await ownImage("Alice Raced", ["1"]);
    const [first, second] = [await launchedFrom("alice", image), await launchedFrom("alice", image)];
    const a = await submit(first.alias, { version_name: "2" });
    const b = await submit(second.alias, { version_name: "2" });
    expect((await complete(a.body.id)).body.status).toBe("completed");
    const revision = (await db.image.findUniqueOrThrow({ where: { id: image } })).revision;
    const clash = await complete(b.body.id);
    expect(clash.status).toBe(409);
    expect((await db.imageRequest.findUniqueOrThrow({ where: { id: b.body.id } })).status).toBe("approved");
    expect((await db.image.findUniqueOrThrow({ where: { id: image } })).revision).toBe(revision);
  });

  it("may still ask for a new image (fork: true), made from the instance's version", async () => {
    const image = await ownImage("Alice Forkable", ["1"]);
    const instance = await launchedFrom("alice", image);
    const forked = await submit(instance.alias, { fork: true, name: "Alice Fork", version_name: "0.1" });
    expect(forked.body.fork).toBe(true);
    const done = await complete(forked.body.id);
    expect(done.body.image).not.toBe(image);
    const [version] = await versionsOf(done.body.image);
    expect(version).toMatchObject({ version: "0.1", parent: { image, version: "1" } });
    expect((await versionsOf(image)).length).toBe(1);
  });

  it("leaves nothing behind when the completion fails inside its transaction", async () => {
    const image = await ownImage("Alice Doomed", ["1"]);
    const instance = await launchedFrom("alice", image);
    const submitted = await submit(instance.alias);
    await call(requestRoute.PATCH, `/api/v1/image_requests/${submitted.body.id}`, { method: "PATCH", params: { id: String(submitted.body.id) }, body: { status: "approved" }, ...staff() });
    const state = async () => ({
      versions: await db.version.count({ where: { imageId: image } }),
      machines: await db.machine.count({ where: { imageId: image } }),
      image: await db.image.findUniqueOrThrow({ where: { id: image }, select: { revision: true, description: true } }),
      edits: await db.imageEdit.count({ where: { imageId: image } }),
    });
    const before = await state();
    const transaction = db.$transaction.bind(db);
    vi.spyOn(db, "$transaction").mockImplementation(((work: (tx: object) => Promise<unknown>, options?: object) =>
      transaction(async (tx) => {
        const failing = new Proxy(tx, {
          get: (target, key) =>
            key === "imageEdit" ? { create: () => Promise.reject(new Error("disk full")) } : (target as Record<string | symbol, unknown>)[key],
        });
        return work(failing);
      }, options)) as typeof db.$transaction);
    const failed = await call(requestRoute.PATCH, `/api/v1/image_requests/${submitted.body.id}`, { method: "PATCH", params: { id: String(submitted.body.id) }, body: { status: "completed" }, ...staff() });
    expect(failed.status).toBe(500);
    vi.restoreAllMocks();
    expect(await state()).toEqual(before);
    expect((await db.imageRequest.findUniqueOrThrow({ where: { id: submitted.body.id } })).status).toBe("approved");
  });
});

describe("a request on an instance launched from someone else's image", () => {
  it("is a new image by default, whose version 1 is made from the instance's version", async () => {
    const image = await ownImage("Alice Shared Base", ["1"]);
    const instance = await launchedFrom("bob", image);
    const submitted = await submit(instance.alias, { name: "Bob Build" }, { session: world.users.bob }, world.identities.bobIdentity.id);
    expect(submitted.status).toBe(201);
    expect(submitted.body.fork).toBe(true);
    const done = await complete(submitted.body.id);
    expect(done.body.image).not.toBe(image);
    const [version] = await versionsOf(done.body.image, { session: world.users.bob });
    expect(version).toMatchObject({ version: "1", created_by: "bob", parent: { image, image_name: "Alice Shared Base", version: "1" } });
  });

  it("may not be a new version of it (400), nor may a request on an instance with no source", async () => {
    const image = await ownImage("Alice Guarded", ["1"]);
    const instance = await launchedFrom("bob", image);
    const refused = await submit(instance.alias, { fork: false }, { session: world.users.bob }, world.identities.bobIdentity.id);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({ fork: ["You may not edit the source image."] });
    const noSource = await submit(world.aliceSecondInstance.alias, { fork: false });
    expect(noSource.status).toBe(400);
    expect(noSource.body.errors).toEqual({ fork: ["The instance has no source image."] });
  });
});

describe("an instance launched from a version that may not be imaged", () => {
  it("is a 409 that says why, whatever is asked", async () => {
    const image = await ownImage("Licensed Stack", ["1"], { createdBy: world.users.staff });
    await db.version.updateMany({ where: { imageId: image }, data: { allowImaging: false } });
    const instance = await launchedFrom("alice", image);
    for (const body of [{}, { fork: true }, { fork: false }]) {
      const answer = await submit(instance.alias, body);
      expect(answer.status).toBe(409);
      expect(answer.body.detail).toMatch(/launched from a version that may not be imaged/);
    }
    expect(await db.imageRequest.count({ where: { instanceAlias: instance.alias } })).toBe(0);
  });
});

describe("request fields of SPEC §7", () => {
  it("refuse bad values with 400 and the field named", async () => {
    const instance = await db.instance.create({ data: { name: "plain", providerId: world.providers.p1.id, identityId: world.identities.aliceIdentity.id } });
    for (const [field, value] of [["fork", "yes"], ["min_cpu", -1], ["min_memory_gb", 1.5], ["min_disk_gb", "10"], ["change_log", "x".repeat(10_001)], ["change_log", "nul\u0000"]] as const) {
      const answer = await submit(instance.alias, { [field]: value });
      expect(answer.status, `${field}=${String(value).slice(0, 10)}`).toBe(400);
      expect(Object.keys(answer.body.errors)).toEqual([field]);
    }
  });
});

describe("completion, guarded", () => {
  it("changes the image's ETag when it adds a version, and keeps who may see it when vis is not given", async () => {
    const image = await ownImage("Alice Etag", ["1"]);
    const before = await call(imageRoute.GET, `/api/v1/images/${image}`, { params: { id: image }, ...alice() });
    await db.image.update({ where: { id: image }, data: { private: true } });
    const submitted = await submit((await launchedFrom("alice", image)).alias, { vis: undefined });
    expect(submitted.body.vis).toEqual(["bob"]); // private, shared with bob: as the image is
    await complete(submitted.body.id);
    const after = await call(imageRoute.GET, `/api/v1/images/${image}`, { params: { id: image }, ...alice() });
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await call(imageRoute.GET, `/api/v1/images/${image}`, { params: { id: image }, headers: { "If-None-Match": before.headers.get("etag")! }, ...alice() })).status).toBe(200);
  });

  it("answers racing completions with one success and a 409, never a 500 (also of one request twice)", async () => {
    const image = await ownImage("Alice Racing", ["1"]);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const submitted = await submit((await launchedFrom("alice", image)).alias);
      await call(requestRoute.PATCH, `/api/v1/image_requests/${submitted.body.id}`, { method: "PATCH", params: { id: String(submitted.body.id) }, body: { status: "approved" }, ...staff() });
      ids.push(submitted.body.id as number);
    }
    const completeNow = (id: number) => call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body: { status: "completed" }, ...staff() });
    // Two requests for the next version at once: both complete, as versions 2 and 3.
    const both = await Promise.all([completeNow(ids[0]), completeNow(ids[1])]);
    expect(both.map((answer) => answer.status)).toEqual([200, 200]);
    expect(both.map((answer) => answer.body.version_name).sort()).toEqual(["2", "3"]);
    // One request completed twice at once: one success, one 409.
    const twice = await Promise.all([completeNow(ids[2]), completeNow(ids[2])]);
    expect(twice.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await versionsOf(image)).map((version: { version: string }) => version.version)).toEqual(["1", "2", "3", "4"]);
  });

  it("is a 409 when the source version may no longer be imaged, or the image would pass 50 tags", async () => {
    const image = await ownImage("Alice Changed Mind", ["1"]);
    const first = await submit((await launchedFrom("alice", image)).alias);
    await db.version.updateMany({ where: { imageId: image }, data: { allowImaging: false } });
    const refused = await complete(first.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/may no longer be imaged/);
    await db.version.updateMany({ where: { imageId: image }, data: { allowImaging: true } });

    await db.image.update({ where: { id: image }, data: { tags: { create: await Promise.all(Array.from({ length: 50 }, async (_, i) => ({ tag: { create: { name: `Full ${i}`, key: `full ${i}` } } }))) } } });
    const tagged = await submit((await launchedFrom("alice", image)).alias, { tags: ["One more"] });
    const tooMany = await complete(tagged.body.id);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.detail).toMatch(/at most 50/);
    expect(await db.version.count({ where: { imageId: image } })).toBe(1);
  });

  it("names the source image only to a requester who may still see it", async () => {
    const image = await ownImage("Alice Now Secret", ["1"]);
    const instance = await launchedFrom("bob", image);
    const bob = { session: world.users.bob };
    await db.image.update({ where: { id: image }, data: { private: true } });
    await db.imageShare.deleteMany({ where: { imageId: image } });
    const instances = await call(instancesRoute.GET, "/api/v1/instances?page_size=100", bob);
    expect(instances.body.results.find((row: { alias: string }) => row.alias === instance.alias)).toMatchObject({ image: null, version: null });
    const refused = await submit(instance.alias, { fork: false }, bob, world.identities.bobIdentity.id);
    expect(JSON.stringify(refused.body)).not.toContain("Alice Now Secret");
    const submitted = await submit(instance.alias, { name: "Bob Own" }, bob, world.identities.bobIdentity.id);
    expect(submitted.body.source).toBeNull();
    expect(JSON.stringify(submitted.body)).not.toContain(image);
    // Staff see every image, the source too.
    const asStaff = await call(requestRoute.GET, `/api/v1/image_requests/${submitted.body.id}`, { params: { id: String(submitted.body.id) }, ...staff() });
    expect(asStaff.body.source).toMatchObject({ image, image_name: "Alice Now Secret" });
  });
});
