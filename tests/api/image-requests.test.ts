import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestsRoute from "@/app/api/v1/image_requests/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import * as imagesRoute from "@/app/api/v1/images/route";
import { db } from "@/lib/db/client";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/image-requests/statuses";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});
afterEach(() => vi.restoreAllMocks());

const alice = () => ({ session: world.users.alice });
const staff = () => ({ session: world.users.staff });

/** The seed's own example body, as strict JSON, for one of alice's instances. */
const seedBody = (overrides: Record<string, unknown> = {}) => ({ ...seedRequestBody(world.aliceInstance.alias, world.providers.p1.id), ...overrides });

const submit = (body: unknown, options: CallOptions = alice(), providerId: string | number = world.providers.p1.id, identityId = world.identities.aliceIdentity.id) =>
  call(requestImageRoute.POST, `/api/v1/provider/${providerId}/identity/${identityId}/request_image/`, {
    method: "POST",
    params: { providerId: String(providerId), identityId },
    body,
    ...options,
  });

const move = (id: number, body: unknown, options: CallOptions) =>
  call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body, ...options });

/** A request on alice's second instance, put straight into the given status. */
async function requestIn(status: RequestStatus, body: Record<string, unknown> = {}): Promise<number> {
  await db.imageRequest.updateMany({ where: { openInstance: world.aliceSecondInstance.alias }, data: { openInstance: null, status: "closed" } });
  const created = await submit(seedBody({ instance: world.aliceSecondInstance.alias, ...body }));
  expect(created.status).toBe(201);
  const final = ["completed", "denied", "closed"].includes(status);
  await db.imageRequest.update({ where: { id: created.body.id }, data: { status, ...(final ? { openInstance: null } : {}) } });
  return created.body.id;
}

describe("POST request_image", () => {
  it("takes the seed's fields and answers 201 with the request and its Location", async () => {
    const { status, body, headers } = await submit(seedBody());
    expect(status).toBe(201);
    expect(headers.get("location")).toBe(`http://test.local/api/v1/image_requests/${body.id}`);
    expect(Object.keys(body)).toEqual([
      "id", "status", "name", "description", "instance", "ip_address", "provider", "identity", "software", "sys", "exclude",
      "tags", "vis", "created_by", "admin_message", "image", "start_date", "end_date", "history",
      // SPEC §7's, after §4's.
      "fork", "version_name", "change_log", "min_cpu", "min_memory_gb", "min_disk_gb", "source",
    ]);
    expect(body).toMatchObject({
      status: "pending",
      instance: world.aliceInstance.alias,
      ip_address: "127.0.0.1",
      provider: world.providers.p1.id,
      identity: world.identities.aliceIdentity.id,
      tags: ["ESD", "BGF", "apache2", "SpliceGrapher"],
      vis: "public",
      created_by: "alice",
      admin_message: "",
      image: null,
      end_date: null,
    });
    expect(body.history).toEqual([{ from: null, status: "pending", by: "alice", at: body.start_date, message: "" }]);
  });

  it("answers 409 for a second open request on the same instance, and nothing is written", async () => {
    const before = await db.imageRequest.count();
    const { status, body } = await submit(seedBody({ name: "Again" }));
    expect(status).toBe(409);
    expect(body.detail).toMatch(/already has an open request \(#\d+\)/);
    expect(await db.imageRequest.count()).toBe(before);
  });

  it("serves the path without the trailing slash too", async () => {
    await db.imageRequest.updateMany({ where: { openInstance: world.aliceSecondInstance.alias }, data: { openInstance: null, status: "closed" } });
    const { status } = await call(requestImageRoute.POST, `/api/v1/provider/${world.providers.p1.id}/identity/${world.identities.aliceIdentity.id}/request_image`, {
      method: "POST",
      params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
      body: seedBody({ instance: world.aliceSecondInstance.alias }),
      ...alice(),
    });
    expect(status).toBe(201);
  });

  it("answers 401 to anonymous callers whatever the body, before looking at it", async () => {
    expect((await submit("not json at all", { headers: { "Content-Type": "text/plain" } })).status).toBe(401);
    expect((await submit("{oops", {})).status).toBe(401);
    const id = await requestIn("pending");
    expect((await move(id, "{oops", {})).status).toBe(401);
  });

  it("answers 401 anonymous, 404 for a provider or identity that does not exist or is not the caller's", async () => {
    expect((await submit(seedBody(), {})).status).toBe(401);
    expect((await submit(seedBody(), alice(), 999)).status).toBe(404);
    expect((await submit(seedBody(), alice(), "abc")).status).toBe(404);
    expect((await submit(seedBody(), alice(), world.providers.p1.id, "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await submit(seedBody(), alice(), world.providers.p1.id, world.identities.bobIdentity.id)).status).toBe(404);
    expect((await submit(seedBody(), alice(), world.providers.p2.id, world.identities.aliceIdentity.id)).status).toBe(404);
    expect((await submit(seedBody(), staff(), world.providers.p1.id, world.identities.aliceIdentity.id)).status).toBe(404);
  });

  it.each([
    ["name", undefined],
    ["name", ""],
    ["name", "x".repeat(257)],
    ...[..."!\"'#$%&*,;<>?/\\`{|}~^"].map((char) => ["name", `bad${char}name`] as [string, unknown]),
    ["instance", undefined],
    ["instance", "not-a-uuid"],
    ["instance", "00000000-0000-0000-0000-000000000000"],
    ["ip_address", "999.1.1.1"],
    ["ip_address", "localhost"],
    ["provider", "1"],
    ["provider", 999],
    ["description", undefined],
    ["description", "   "],
    ["description", "x".repeat(10_001)],
    ["software", "x".repeat(10_001)],
    ["sys", 5],
    ["exclude", "x".repeat(10_001)],
    ["tags", [1, 2]],
    ["tags", Array.from({ length: 51 }, (_, i) => `t${i}`)],
    ["vis", "everyone"],
    ["vis", ["bob", "ghost"]],
    ["vis", "bob, ghost"],
    ["vis", []],
    ["colour", "blue"],
  ])("%s = %j is a 400 naming the field, and writes nothing", async (field, value) => {
    await db.imageRequest.updateMany({ where: { openInstance: world.aliceSecondInstance.alias }, data: { openInstance: null, status: "closed" } });
    const before = await db.imageRequest.count();
    const { status, body } = await submit(seedBody({ instance: field === "instance" ? value : world.aliceSecondInstance.alias, [field]: value }));
    expect(status).toBe(400);
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(await db.imageRequest.count()).toBe(before);
  });

  it("refuses instances of other identities, other users, or that ended", async () => {
    const ended = await db.instance.findFirstOrThrow({ where: { name: "alice-old-vm" } });
    for (const instance of [world.bobInstance.alias, ended.alias]) {
      const { status, body } = await submit(seedBody({ instance }));
      expect(status).toBe(400);
      expect(Object.keys(body.errors)).toEqual(["instance"]);
    }
  });

  it("takes tags and vis as arrays or comma-separated strings, IPv6 addresses, and no provider in the body", async () => {
    await db.imageRequest.updateMany({ where: { openInstance: world.aliceSecondInstance.alias }, data: { openInstance: null, status: "closed" } });
    const { status, body } = await submit(
      seedBody({ instance: world.aliceSecondInstance.alias, tags: " R, Genomics ,r, ", vis: "bob, carol", ip_address: "2001:db8::1", provider: undefined }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ tags: ["R", "Genomics"], vis: ["bob", "carol"], ip_address: "2001:db8::1" });
  });

  it("says where the seed's own body, whose keys are unquoted, stops being JSON", async () => {
    const unquoted = `{\n    instance: "${world.aliceInstance.alias}",\n    vis: "public"\n}`;
    const { status, body } = await submit(unquoted);
    expect(status).toBe(400);
    expect(body.detail).toMatch(/not valid JSON.*line 2, column 5.*double quotes/);
  });
});

describe("status moves", () => {
  type Actor = "requester" | "other" | "staff" | "anonymous";
  const as = (actor: Actor): CallOptions =>
    actor === "requester" ? alice() : actor === "other" ? { session: world.users.carol } : actor === "staff" ? staff() : {};

  const STAFF: Record<RequestStatus, RequestStatus[]> = {
    pending: ["approved", "denied"],
    approved: ["processing", "completed", "failed", "denied"],
    processing: ["completed", "failed"],
    failed: ["approved"],
    completed: [],
    denied: [],
    closed: [],
  };
  const REQUESTER: Record<RequestStatus, RequestStatus[]> = {
    pending: ["closed"],
    approved: ["closed"],
    processing: [],
    failed: [],
    completed: [],
    denied: [],
    closed: [],
  };

  const cases = REQUEST_STATUSES.flatMap((from) =>
    REQUEST_STATUSES.filter((to) => to !== from).flatMap((to) => (["requester", "other", "staff", "anonymous"] as Actor[]).map((actor) => [from, to, actor] as const)),
  );

  it.each(cases)("%s → %s by %s", async (from, to, actor) => {
    const id = await requestIn(from);
    const { status, body } = await move(id, { status: to, ...(actor === "staff" ? { admin_message: "Because." } : {}) }, as(actor));
    const allowed = actor === "staff" ? STAFF[from].includes(to) : actor === "requester" ? REQUESTER[from].includes(to) : false;
    const expected = actor === "anonymous" ? 401 : actor === "other" ? 404 : allowed ? 200 : 409;
    expect(status).toBe(expected);
    const row = await db.imageRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe(expected === 200 ? to : from);
    if (expected === 409) expect(body.detail).toContain(`cannot be moved to ${to}`);
    if (expected === 200) {
      expect(body.history.at(-1)).toMatchObject({ from, status: to, by: actor === "staff" ? "staff" : "alice" });
      expect(row.openInstance === null).toBe(["completed", "denied", "closed"].includes(to));
    }
  });

  it.each(["denied", "failed"] as const)("%s needs an admin_message", async (to) => {
    const id = await requestIn("approved");
    const { status, body } = await move(id, { status: to }, staff());
    expect(status).toBe(400);
    expect(Object.keys(body.errors)).toEqual(["admin_message"]);
    const ok = await move(id, { status: to, admin_message: "The instance's disk is corrupt." }, staff());
    expect(ok.body).toMatchObject({ status: to, admin_message: "The instance's disk is corrupt." });
    expect(ok.body.history.at(-1)).toMatchObject({ from: "approved", status: to, by: "staff", message: "The instance's disk is corrupt." });
  });

  it("a requester may not write an admin message, nor send unknown fields", async () => {
    const id = await requestIn("pending");
    expect((await move(id, { status: "closed", admin_message: "bye" }, alice())).status).toBe(400);
    expect((await move(id, { status: "closed", name: "renamed" }, alice())).status).toBe(400);
    expect((await move(id, { status: "nonsense" }, alice())).status).toBe(400);
  });
});

describe("completing a request", () => {
  const visibleTo = async (options: CallOptions, name: string) =>
    (await call(imagesRoute.GET, `/api/v1/images?page_size=1000&search=${encodeURIComponent(name)}`, options)).body.results.map(
      (image: { name: string }) => image.name,
    );

  it.each([
    ["public", "public", { anonymous: true, bob: true, carol: true }],
    ["private", "private", { anonymous: false, bob: false, carol: false }],
    ["shared with bob", ["bob"], { anonymous: false, bob: true, carol: false }],
  ] as const)("creates exactly one %s image with version 1 on the request's provider", async (label, vis, seenBy) => {
    const name = `Completed ${label.replace(/ /g, "-")}`;
    const id = await requestIn("processing", { name, vis, tags: ["Completed", "Genomics"] });
    const imagesBefore = await db.image.count();
    const { status, body } = await move(id, { status: "completed", admin_message: "Done." }, staff());
    expect(status).toBe(200);
    expect(body.image).toEqual(expect.any(String));
    expect(body.end_date).not.toBeNull();
    expect(await db.image.count()).toBe(imagesBefore + 1);
    const image = await db.image.findUniqueOrThrow({
      where: { id: body.image },
      include: { machines: true, versions: true, createdBy: true, sharedWith: { include: { user: true } }, tags: { include: { tag: true } } },
    });
    expect(image).toMatchObject({ name, description: body.description, private: vis !== "public" });
    expect(image.createdBy.username).toBe("alice");
    expect(image.machines.map((machine) => [machine.version, machine.providerId])).toEqual([["1", world.providers.p1.id]]);
    expect(image.versions.map((version) => [version.name, version.createdById, version.parentId])).toEqual([["1", world.users.alice.id, null]]);
    expect(image.sharedWith.map((share) => share.user.username)).toEqual(Array.isArray(vis) ? vis : []);
    expect(image.tags.map((tag) => tag.tag.name).sort()).toEqual(["Completed", "Genomics"]);

    expect(await visibleTo(alice(), name)).toEqual([name]);
    expect((await visibleTo({}, name)).length > 0).toBe(seenBy.anonymous);
    expect((await visibleTo({ session: world.users.bob }, name)).length > 0).toBe(seenBy.bob);
    expect((await visibleTo({ session: world.users.carol }, name)).length > 0).toBe(seenBy.carol);
  });

  it("leaves nothing behind when anything inside it fails, and the request keeps its status", async () => {
    const id = await requestIn("approved", { name: "Doomed" });
    const counts = async () => ({ images: await db.image.count(), versions: await db.version.count(), machines: await db.machine.count(), events: await db.imageRequestEvent.count() });
    const before = await counts();
    const transaction = db.$transaction.bind(db);
    vi.spyOn(db, "$transaction").mockImplementation(((work: (tx: object) => Promise<unknown>, options?: object) =>
      transaction(async (tx) => {
        // The image is written, then recording the history fails.
        const failing = new Proxy(tx, {
          get: (target, key) => (key === "imageRequestEvent" ? { create: () => Promise.reject(new Error("disk full")) } : Reflect.get(target, key)),
        });
        return work(failing);
      }, options)) as never);
    const { status, body } = await move(id, { status: "completed" }, staff());
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("disk full");
    expect(await counts()).toEqual(before);
    expect(await db.imageRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "approved", imageId: null });
  });
});

describe("reading requests", () => {
  it("the requester and staff see a request; others get 404, anonymous 401", async () => {
    const id = await requestIn("pending");
    const read = (options: CallOptions) => call(requestRoute.GET, `/api/v1/image_requests/${id}`, { params: { id: String(id) }, ...options });
    expect((await read(alice())).status).toBe(200);
    expect((await read(staff())).status).toBe(200);
    expect((await read({ session: world.users.carol })).status).toBe(404);
    expect((await read({})).status).toBe(401);
    expect((await call(requestRoute.GET, "/api/v1/image_requests/abc", { params: { id: "abc" }, ...alice() })).status).toBe(404);
  });

  it("lists the caller's own, all for staff, filtered by status", async () => {
    const mine = await call(requestsRoute.GET, "/api/v1/image_requests?page_size=1000", alice());
    const all = await call(requestsRoute.GET, "/api/v1/image_requests?page_size=1000", staff());
    const carol = await call(requestsRoute.GET, "/api/v1/image_requests", { session: world.users.carol });
    expect(mine.body.count).toBeGreaterThan(0);
    expect(all.body.count).toBe(await db.imageRequest.count());
    expect(carol.body.count).toBe(0);
    const pending = await call(requestsRoute.GET, "/api/v1/image_requests?status=pending&status=approved&page_size=1000", staff());
    expect(pending.body.results.every((r: { status: string }) => ["pending", "approved"].includes(r.status))).toBe(true);
    expect((await call(requestsRoute.GET, "/api/v1/image_requests?status=lost", staff())).status).toBe(400);
    expect((await call(requestsRoute.GET, "/api/v1/image_requests")).status).toBe(401);
  });
});
