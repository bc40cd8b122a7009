// SPEC §7: versions by name, with their machines; read and edited under the image's rules.
import { beforeAll, describe, expect, it } from "vitest";
import * as imageRoute from "@/app/api/v1/images/[id]/route";
import * as versionsRoute from "@/app/api/v1/images/[id]/versions/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import { db } from "@/lib/db/client";
import { createImageRecord } from "@/lib/images/create-image";
import { nextVersionName } from "@/lib/versions/next-version";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
let lineage: { parentImage: string; child: string };
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  world = await seedFixture();
  // A private image of alice's, and a public image of bob's forked from its version 1.
  const parentImage = await createImageRecord(db, {
    name: "Alice Secret Base",
    description: "",
    createdBy: world.users.alice,
    tags: [],
    private: true,
    sharedWithIds: [],
    versions: [{ version: "1", providerId: world.providers.p1.id }],
  });
  const parentVersion = await db.version.findFirstOrThrow({ where: { imageId: parentImage } });
  const child = await createImageRecord(db, {
    name: "Bob Fork",
    description: "",
    createdBy: world.users.bob,
    tags: [],
    private: false,
    sharedWithIds: [],
    versions: [{ version: "1", providerId: world.providers.p1.id }],
    versionDetails: { "1": { parentId: parentVersion.id, changeLog: "Forked from Alice's base." } },
  });
  lineage = { parentImage, child };
});

const list = (id: string, as: CallOptions = {}) => call(versionsRoute.GET, `/api/v1/images/${id}/versions`, { params: { id }, ...as });
const one = (id: string, version: string, as: CallOptions = {}) => call(versionRoute.GET, `/api/v1/images/${id}/versions/${version}`, { params: { id, version }, ...as });
const patch = (id: string, version: string, body: unknown, as: CallOptions, headers: Record<string, string> = {}) =>
  call(versionRoute.PATCH, `/api/v1/images/${id}/versions/${version}`, { method: "PATCH", params: { id, version }, body, headers, ...as });
const alice = () => ({ session: world.users.alice });

describe("GET /images/{id}/versions", () => {
  it("lists every version oldest first with SPEC §7's fields; the image's versions[] keeps the seed's five keys", async () => {
    const id = world.images.bobsPublic;
    const { status, body } = await list(id);
    expect(status).toBe(200);
    expect(body.results.map((version: { version: string }) => version.version)).toEqual(["1", "2"]);
    const [first, second] = body.results;
    expect(Object.keys(first)).toEqual([
      "version", "change_log", "parent", "created_by", "start_date", "end_date", "min_cpu", "min_memory_gb", "min_disk_gb", "allow_imaging", "software", "sys", "exclude", "machines",
    ]);
    expect(first).toMatchObject({ created_by: "bob", parent: null, allow_imaging: true, min_cpu: null, end_date: expect.stringMatching(/Z$/) });
    expect(second).toMatchObject({ parent: { image: id, image_name: "Bob Rocky Linux", version: "1" }, end_date: null });
    // A manual provider's machine: nothing reported by a cloud.
    const unreported = { status: null, size: null, disk_format: null, checksum: null, min_disk: null, min_ram: null, os_distro: null, os_version: null, architecture: null };
    expect(second.machines).toEqual([{ alias: expect.any(String), provider: world.providers.p2.id, start_date: expect.any(String), end_date: null, ...unreported }]);
    const image = await call(imageRoute.GET, `/api/v1/images/${id}`, { params: { id } });
    for (const machine of image.body.versions) expect(Object.keys(machine)).toEqual(["alias", "version", "start_date", "end_date", "provider"]);
  });

  it("follows the image: a hidden image's versions are a 404, as is an unknown or malformed version", async () => {
    expect((await list(world.images.private)).status).toBe(404);
    expect((await list(world.images.private, { session: world.users.carol })).status).toBe(404);
    expect((await list(world.images.private, alice())).status).toBe(200);
    expect((await list(world.images.shared, { session: world.users.bob })).status).toBe(200);
    expect((await one(world.images.public, "9")).status).toBe(404);
    expect((await one(world.images.public, "../1")).status).toBe(404);
    expect((await list("not-a-uuid")).status).toBe(404);
  });

  it("shows lineage across a fork only to those who may see the parent's image", async () => {
    const parent = async (as: CallOptions) => (await one(lineage.child, "1", as)).body.parent;
    expect(await parent({})).toBeNull();
    expect(await parent({ session: world.users.bob })).toBeNull();
    expect(await parent(alice())).toEqual({ image: lineage.parentImage, image_name: "Alice Secret Base", version: "1" });
    expect(await parent({ session: world.users.staff })).toMatchObject({ image: lineage.parentImage });
    // The list answers the same way as the single version.
    expect((await list(lineage.child, { session: world.users.bob })).body.results[0].parent).toBeNull();
    expect((await list(lineage.child, alice())).body.results[0].parent).toMatchObject({ image: lineage.parentImage });
  });

  it("answers If-None-Match with 304 while the version is unchanged", async () => {
    const first = await one(world.images.public, "1");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"v\d+"$/);
    expect((await one(world.images.public, "1", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });
});

describe("PATCH /images/{id}/versions/{version}", () => {
  it("edits the change log, requirements and allow_imaging, with the audit record naming the version", async () => {
    const id = world.images.public;
    const { status, body, headers } = await patch(id, "1", { change_log: "Rebuilt.", min_cpu: 2, min_memory_gb: 4, min_disk_gb: 20, allow_imaging: false }, alice());
    expect(status).toBe(200);
    expect(body).toMatchObject({ change_log: "Rebuilt.", min_cpu: 2, min_memory_gb: 4, min_disk_gb: 20, allow_imaging: false });
    expect(headers.get("etag")).toMatch(/^"v\d+"$/);
    const version = await db.version.findFirstOrThrow({ where: { imageId: id, name: "1" } });
    const edit = await db.imageEdit.findFirstOrThrow({ where: { versionId: version.id }, orderBy: { id: "desc" } });
    expect(JSON.parse(edit.changes)).toEqual({
      change_log: { from: "", to: "Rebuilt." },
      min_cpu: { from: null, to: 2 },
      min_memory_gb: { from: null, to: 4 },
      min_disk_gb: { from: null, to: 20 },
      allow_imaging: { from: true, to: false },
    });
    expect((await patch(id, "1", { min_cpu: null }, { session: world.users.staff })).body.min_cpu).toBeNull();
  });

  it("retires the version on every provider, and restores it, but not a machine retired on its own", async () => {
    const imageId = await createImageRecord(db, {
      name: "Two Providers",
      description: "",
      createdBy: world.users.alice,
      tags: [],
      private: false,
      sharedWithIds: [],
      versions: [
        { version: "1", providerId: world.providers.p1.id },
        { version: "1", providerId: world.providers.p2.id },
      ],
    });
    const alone = new Date(Date.now() - 3 * DAY);
    await db.machine.updateMany({ where: { imageId, providerId: world.providers.p2.id }, data: { endDate: alone } });
    const imageEtag = (await call(imageRoute.GET, `/api/v1/images/${imageId}`, { params: { id: imageId } })).headers.get("etag");

    const retired = await patch(imageId, "1", { end_date: "2001-01-01T00:00:00Z" }, alice());
    expect(retired.status).toBe(200);
    expect(new Date(retired.body.end_date).getTime()).toBeGreaterThan(Date.now() - 60_000); // a past date: retired now
    const image = await call(imageRoute.GET, `/api/v1/images/${imageId}`, { params: { id: imageId }, ...alice() });
    expect(image.headers.get("etag")).not.toBe(imageEtag);
    expect(image.body.versions.map((machine: { end_date: string | null }) => machine.end_date)).toEqual([retired.body.end_date, alone.toISOString()]);

    const restored = await patch(imageId, "1", { end_date: null }, alice());
    expect(restored.body.end_date).toBeNull();
    expect(restored.body.machines.map((machine: { end_date: string | null }) => machine.end_date)).toEqual([null, alone.toISOString()]);
  });

  it("keeps its machines in step when a retirement is rescheduled, asked again, or undone", async () => {
    const imageId = await createImageRecord(db, {
      name: "Rescheduled",
      description: "",
      createdBy: world.users.alice,
      tags: [],
      private: false,
      sharedWithIds: [],
      versions: [{ version: "1", providerId: world.providers.p1.id }],
    });
    const machineEnd = async () => (await db.machine.findFirstOrThrow({ where: { imageId } })).endDate?.toISOString() ?? null;
    const soon = new Date(Date.now() + DAY).toISOString();
    const later = new Date(Date.now() + 7 * DAY).toISOString();
    expect((await patch(imageId, "1", { end_date: soon }, alice())).body.end_date).toBe(soon);
    expect(await machineEnd()).toBe(soon);
    expect((await patch(imageId, "1", { end_date: later }, alice())).body.end_date).toBe(later);
    expect(await machineEnd()).toBe(later);
    const retired = (await patch(imageId, "1", { end_date: "2001-01-01T00:00:00Z" }, alice())).body.end_date;
    expect(await machineEnd()).toBe(retired);
    // Retired already: a past date again changes nothing (the record keeps when it really left).
    const edits = await db.imageEdit.count({ where: { imageId } });
    expect((await patch(imageId, "1", { end_date: "2002-01-01T00:00:00Z" }, alice())).body.end_date).toBe(retired);
    expect(await db.imageEdit.count({ where: { imageId } })).toBe(edits);
    expect((await patch(imageId, "1", { end_date: null }, alice())).body.machines[0].end_date).toBeNull();
    const audit = await db.imageEdit.findFirstOrThrow({ where: { imageId, versionId: { not: null } }, orderBy: { id: "desc" } });
    expect(JSON.parse(audit.changes)).toEqual({ end_date: { from: retired, to: null } });
  });

  it("applies concurrent edits without If-Match one after another, none lost", async () => {
    const id = world.images.scheduled;
    const answers = await Promise.all(["cpu", "memory", "disk", "log"].map((what, index) =>
      patch(id, "1", index === 3 ? { change_log: "all four" } : { [`min_${what === "cpu" ? "cpu" : `${what}_gb`}`]: index + 1 }, alice()),
    ));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect((await one(id, "1", alice())).body).toMatchObject({ min_cpu: 1, min_memory_gb: 2, min_disk_gb: 3, change_log: "all four" });
  });

  it("keeps the image's rules: 401, 404, 403, 412 for a stale If-Match, 400 for read-only or unknown fields", async () => {
    const id = world.images.shared;
    expect((await patch(id, "1", { change_log: "x" }, {})).status).toBe(401);
    expect((await patch(id, "1", { change_log: "x" }, { session: world.users.carol })).status).toBe(404);
    expect((await patch(id, "1", { change_log: "x" }, { session: world.users.bob })).status).toBe(403);
    const current = await one(id, "1", alice());
    expect((await patch(id, "1", { change_log: "stale" }, alice(), { "If-Match": '"v0"' })).status).toBe(412);
    const fresh = await patch(id, "1", { change_log: "fresh" }, alice(), { "If-Match": current.headers.get("etag")! });
    expect(fresh.status).toBe(200);
    // A GET body sent back (read-only fields unchanged) is fine; changing one is not.
    const sentBack = await patch(id, "1", { ...fresh.body, change_log: "sent back" }, alice());
    expect(sentBack.status).toBe(200);
    const changed = await patch(id, "1", { version: "7" }, alice());
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual({ version: ["This field is read-only."] });
    for (const bad of [{ colour: "red" }, { min_cpu: -1 }, { min_cpu: 1.5 }, { min_cpu: "2" }, { allow_imaging: "no" }, { end_date: "tomorrow" }, { change_log: "x".repeat(10_001) }]) {
      expect((await patch(id, "1", bad, alice())).status, JSON.stringify(bad).slice(0, 40)).toBe(400);
    }
    expect((await one(id, "1", alice())).body.change_log).toBe("sent back");
  });
});

describe("nextVersionName", () => {
  it("is the next whole number after the highest", () => {
    expect(nextVersionName([])).toBe("1");
    expect(nextVersionName(["1", "2.1"])).toBe("3");
    expect(nextVersionName(["1", "10", "9.5"])).toBe("11");
    expect(nextVersionName(["beta", "2"])).toBe("3");
  });
});
