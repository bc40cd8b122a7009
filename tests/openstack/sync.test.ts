// SPEC §9's sync against a real Keystone and Glance: new, changed, deactivated, deleted and
// returning images, our properties, idempotence, and 2,500 images paged through.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as versionsRoute from "@/app/api/v1/images/[id]/versions/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import { db } from "@/lib/db/client";
import { createVersionRecord } from "@/lib/versions/create-version";
import { call } from "../http";
import { addMember, createActiveImage, createQueuedImage, deleteImage, imageAction, patchImage } from "../openstack-client";
import { addCloudProvider, catalogVersion, cloudWorld, deliver, machineOf, sync } from "./cloud";

const t = cloudWorld();

const versionsOf = async (imageId: string) => (await call(versionsRoute.GET, `/api/v1/images/${imageId}/versions`, { params: { id: imageId }, session: t.world.users.staff })).body.results;

describe("a sync", () => {
  it("makes each new Glance image a catalog image with version 1, owned by its project's user, with Glance's fields", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    const alices = await createActiveImage(t.cloud.alice, {
      name: "Alice Ubuntu",
      tags: ["Linux", "ubuntu,22"],
      os_distro: "ubuntu",
      os_version: "22.04",
      architecture: "x86_64",
      min_disk: 2,
      min_ram: 512,
    });
    const sites = await createActiveImage(t.cloud.admin, { name: "Site Rocky", visibility: "public" });
    const community = await createActiveImage(t.cloud.alice, { name: "Community box", visibility: "community" });
    await createQueuedImage(t.cloud.alice, { name: "Still uploading" });

    expect(await sync(provider)).toMatchObject({ seen: 4, added: 3, updated: 0, retired: 0, restored: 0, skipped: 1, error: "" });

    const alicesMachine = (await machineOf(alices.id))!;
    expect(alicesMachine).toMatchObject({ version: "1", providerId: provider, endDate: null, cloudStatus: "active", size: 1n, diskFormat: "qcow2", minDisk: 2, minRam: 512 });
    expect(alicesMachine.checksum).toBe(alices.os_hash_value);
    expect(alicesMachine.image).toMatchObject({ name: "Alice Ubuntu", private: true, createdById: t.world.users.alice.id });
    expect(alicesMachine.image.tags.map(({ tag }) => tag.name).sort()).toEqual(["Linux", "ubuntu 22"]);
    // Nobody's project: the first staff user's.
    expect((await machineOf(sites.id))!.image).toMatchObject({ name: "Site Rocky", private: false, createdById: t.world.users.staff.id });
    expect((await machineOf(community.id))!.image.private).toBe(false);

    const [version] = await versionsOf(alicesMachine.imageId);
    expect(version.machines).toEqual([
      expect.objectContaining({
        alias: alices.id,
        provider,
        end_date: null,
        status: "active",
        size: 1,
        disk_format: "qcow2",
        checksum: alices.os_hash_value,
        min_disk: 2,
        min_ram: 512,
        os_distro: "ubuntu",
        os_version: "22.04",
        architecture: "x86_64",
      }),
    ]);
  });

  it("writes nothing when nothing changed: the catalog version holds, and the run is recorded", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    await createActiveImage(t.cloud.alice, { name: "Steady" });
    await sync(provider);
    const before = { version: await catalogVersion(), machines: await db.machine.findMany({ where: { providerId: provider }, orderBy: { alias: "asc" } }) };

    expect(await sync(provider)).toMatchObject({ seen: 1, added: 0, updated: 0, retired: 0, restored: 0, skipped: 0, error: "" });
    expect(await catalogVersion()).toBe(before.version);
    expect(await db.machine.findMany({ where: { providerId: provider }, orderBy: { alias: "asc" } })).toEqual(before.machines);
    const runs = await db.providerSync.findMany({ where: { providerId: provider }, orderBy: { id: "asc" } });
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ trigger: "command", seen: 1, added: 0, error: "" });
    expect(runs[1].finishedAt).not.toBeNull();
    expect(runs[1].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("follows changed, deactivated, deleted and returning images, and never restores what the catalog retired", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    const image = await createActiveImage(t.cloud.alice, { name: "Changing" });
    const doomed = await createActiveImage(t.cloud.alice, { name: "Doomed" });
    await sync(provider);

    const revisions = async () => {
      const { imageId } = (await machineOf(image.id))!;
      return [(await db.image.findUniqueOrThrow({ where: { id: imageId } })).revision, (await db.version.findFirstOrThrow({ where: { imageId } })).revision];
    };
    const before = await revisions();
    await patchImage(t.cloud.alice, image.id, [{ op: "replace", path: "/min_ram", value: 2048 }]);
    expect(await sync(provider)).toMatchObject({ updated: 1, retired: 0 });
    expect((await machineOf(image.id))!.minRam).toBe(2048);
    // The image's and the version's JSON changed: so do their ETags.
    expect(await revisions()).toEqual(before.map((revision) => revision + 1));

    await imageAction(t.cloud.alice, image.id, "deactivate");
    expect(await sync(provider)).toMatchObject({ retired: 1, restored: 0 });
    const retired = (await machineOf(image.id))!;
    expect(retired).toMatchObject({ cloudStatus: "deactivated", endedBySync: true });
    expect(retired.endDate).not.toBeNull();
    expect((await versionsOf(retired.imageId))[0].machines[0]).toMatchObject({ status: "deactivated", end_date: retired.endDate!.toISOString() });

    await imageAction(t.cloud.alice, image.id, "reactivate");
    expect(await sync(provider)).toMatchObject({ retired: 0, restored: 1 });
    expect(await machineOf(image.id)).toMatchObject({ cloudStatus: "active", endDate: null, endedBySync: false });

    await deleteImage(t.cloud.alice, doomed.id);
    expect(await sync(provider)).toMatchObject({ seen: 1, retired: 1 });
    const gone = (await machineOf(doomed.id))!;
    expect(gone).toMatchObject({ cloudStatus: "deleted", endedBySync: true });
    expect(gone.endDate).not.toBeNull();

    // Staff retire the version: the write-back deactivates it; someone reactivates it in
    // OpenStack; the catalog's decision stands.
    const { imageId } = (await machineOf(image.id))!;
    const retire = await call(versionRoute.PATCH, `/api/v1/images/${imageId}/versions/1`, {
      method: "PATCH",
      params: { id: imageId, version: "1" },
      body: { end_date: new Date().toISOString() },
      session: t.world.users.staff,
    });
    expect(retire.status).toBe(200);
    await deliver();
    await imageAction(t.cloud.alice, image.id, "reactivate");
    expect(await sync(provider)).toMatchObject({ restored: 0 });
    expect((await machineOf(image.id))!.endDate).not.toBeNull();
  });

  it("shares an image shared in Glance with the users of its member projects", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    const shared = await createActiveImage(t.cloud.alice, { name: "Shared in Glance", visibility: "shared" });
    await addMember(t.cloud.alice, shared.id, t.cloud.env.OSDEV_BOB_PROJECT_ID);
    await sync(provider);
    const { image } = (await machineOf(shared.id))!;
    expect(image.private).toBe(true);
    expect(await db.imageShare.findMany({ where: { imageId: image.id }, select: { userId: true } })).toEqual([{ userId: t.world.users.bob.id }]);
  });

  it("adds an image carrying atmosphere_image and atmosphere_version to that version, and skips a second copy", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    const imageId = t.world.images.public;
    await createVersionRecord(db, { imageId, name: "7", createdById: t.world.users.alice.id, machines: [{ providerId: t.world.providers.p1.id }] });
    const images = await db.image.count();
    const copy = { atmosphere_image: imageId, atmosphere_version: "7" };
    const first = await createActiveImage(t.cloud.admin, { name: "Ubuntu 22.04 Base v7", ...copy });
    await createActiveImage(t.cloud.admin, { name: "Ubuntu 22.04 Base v7 again", ...copy });

    expect(await sync(provider)).toMatchObject({ seen: 2, added: 1, skipped: 1 });
    expect(await machineOf(first.id)).toMatchObject({ imageId, version: "7", providerId: provider, cloudStatus: "active" });
    expect(await db.image.count()).toBe(images);
  });

  it("pages through 2,500 Glance images (limit and marker), then finds nothing new", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    // Written into this stack's Glance database: its API takes about 90 ms an image here.
    execFileSync("bash", ["scripts/openstack/dev-stack.sh", "bulk", t.cloud.env.OSDEV_DIR, "2500", "bulk"]);

    const first = await sync(provider);
    expect(first).toMatchObject({ seen: 2500, added: 2500, skipped: 0, error: "" });
    expect(await db.machine.count({ where: { providerId: provider } })).toBe(2500);
    const version = await catalogVersion();
    const second = await sync(provider);
    expect(second).toMatchObject({ seen: 2500, added: 0, updated: 0, retired: 0, restored: 0, error: "" });
    expect(await catalogVersion()).toBe(version);
    console.log(`sync of 2,500 Glance images (${process.env.TEST_DATABASE ?? "sqlite"}): first ${(first.durationMs / 1000).toFixed(1)} s, unchanged ${(second.durationMs / 1000).toFixed(1)} s`);
    // Gone again for the next test file (deleting them one by one through the API takes a minute).
    execFileSync("bash", ["scripts/openstack/dev-stack.sh", "bulk-delete", t.cloud.env.OSDEV_DIR, "bulk"]);
  }, 300_000);
});
