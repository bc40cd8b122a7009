// SPEC §9's write-back against a real Glance: every kind of catalog change reaches the image,
// checked as admin and as the member project (bob), through the outbox, in order, once.
import { describe, expect, it } from "vitest";
import * as single from "@/app/api/v1/images/[id]/route";
import * as versionRoute from "@/app/api/v1/images/[id]/versions/[version]/route";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { call } from "../http";
import { createActiveImage, getImage, listedIds, members } from "../openstack-client";
import { addCloudProvider, cloudWorld, deliver, machineOf, sync } from "./cloud";

const t = cloudWorld();

const edit = async (imageId: string, body: Record<string, unknown>, as: Viewer = t.world.users.alice) => {
  const answer = await call(single.PATCH, `/api/v1/images/${imageId}`, { method: "PATCH", params: { id: imageId }, body, session: as });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
};

/** An active image of alice's in Glance, synced into the catalog: [glance id, catalog image id]. */
async function alicesSyncedImage(name: string): Promise<[string, string]> {
  const provider = await addCloudProvider(t.cloud, t.world);
  const image = await createActiveImage(t.cloud.alice, { name });
  await sync(provider);
  return [image.id, (await machineOf(image.id))!.imageId];
}

const pushes = () => db.outboxJob.findMany({ where: { kind: "cloud_push" }, orderBy: { id: "asc" } });

describe("the write-back", () => {
  it("shares with the member's project (accepted for them), publishes, makes private, with our properties", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Shared analysis");
    expect(await listedIds(t.cloud.bob)).not.toContain(glanceId);

    await edit(imageId, { shared_with: ["bob"] });
    expect(await deliver()).toMatchObject({ done: 1, retried: 0, failed: 0 });
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ visibility: "shared", atmosphere_image: imageId, atmosphere_version: "1", status: "active" });
    expect(await members(t.cloud.admin, glanceId)).toEqual([expect.objectContaining({ member_id: t.cloud.env.OSDEV_BOB_PROJECT_ID, status: "accepted" })]);
    // bob launches from his own image list: the share is in it.
    expect(await listedIds(t.cloud.bob)).toContain(glanceId);

    await edit(imageId, { private: false });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ visibility: "public" });
    expect(await listedIds(t.cloud.bob)).toContain(glanceId);

    await edit(imageId, { private: true, shared_with: [] });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ visibility: "private" });
    expect(await getImage(t.cloud.bob, glanceId)).toBeNull();
    expect(await listedIds(t.cloud.bob)).not.toContain(glanceId);

    const jobs = await pushes();
    expect(jobs.map((job) => [job.status, job.attempts])).toEqual([
      ["done", 1],
      ["done", 1],
      ["done", 1],
    ]);
  });

  it("deactivates a retired image or version and reactivates it when restored", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Retiring");
    await edit(imageId, { end_date: new Date(Date.now() - 1000).toISOString() });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "deactivated" });
    await edit(imageId, { end_date: null });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "active" });

    const version = (body: unknown) => call(versionRoute.PATCH, `/api/v1/images/${imageId}/versions/1`, { method: "PATCH", params: { id: imageId, version: "1" }, body, session: t.world.users.alice });
    expect((await version({ end_date: new Date().toISOString() })).status).toBe(200);
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "deactivated" });
    expect((await version({ end_date: null })).status).toBe(200);
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "active" });
  });

  it("reactivates a restored image or version even when a sync saw it deactivated in between", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Back again");
    const provider = (await machineOf(glanceId))!.providerId;
    await edit(imageId, { end_date: new Date(Date.now() - 1000).toISOString() });
    await deliver();
    expect(await sync(provider)).toMatchObject({ retired: 0 });
    await edit(imageId, { end_date: null });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "active" });

    // The version: restored while Glance is still deactivated and the push waits (an outage).
    const version = (body: unknown) => call(versionRoute.PATCH, `/api/v1/images/${imageId}/versions/1`, { method: "PATCH", params: { id: imageId, version: "1" }, body, session: t.world.users.alice });
    await version({ end_date: new Date().toISOString() });
    await deliver();
    await version({ end_date: null });
    expect(await sync(provider)).toMatchObject({ retired: 0 });
    expect((await machineOf(glanceId))!.endDate).toBeNull();
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "active" });
  });

  it("deactivates a scheduled retirement when its moment comes", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Workshop");
    const end = new Date(Date.now() + 60 * 60_000);
    await edit(imageId, { end_date: end.toISOString() });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "active" });
    const scheduled = (await pushes()).filter((job) => job.status === "pending");
    expect(scheduled.map((job) => job.runAfter.toISOString())).toEqual([end.toISOString()]);
    // The image is retired by then: the worker's clock jumps there.
    await db.image.update({ where: { id: imageId }, data: { endDate: new Date(Date.now() - 1000) } });
    await deliver(() => new Date(end.getTime() + 1000));
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ status: "deactivated" });
  });

  it("applies several changes of one image in the order they were made, each once, and a repeat changes nothing", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Busy");
    await edit(imageId, { private: false });
    await edit(imageId, { private: true, shared_with: ["bob"] });
    await edit(imageId, { shared_with: ["bob", "carol"] });
    const jobs = await pushes();
    expect(new Set(jobs.map((job) => job.orderKey))).toEqual(new Set([`cloud:${glanceId}`]));

    expect(await deliver()).toMatchObject({ claimed: 3, done: 3, retried: 0 });
    expect((await pushes()).map((job) => job.status)).toEqual(["done", "done", "done"]);
    // carol has no identity on the provider: only bob's project is a member.
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ visibility: "shared" });
    const before = await getImage(t.cloud.admin, glanceId);
    expect(await members(t.cloud.admin, glanceId)).toEqual([expect.objectContaining({ member_id: t.cloud.env.OSDEV_BOB_PROJECT_ID, status: "accepted" })]);

    // A delivery made again (a lost answer) finds nothing to change.
    await db.outboxJob.updateMany({ where: { id: jobs[2].id }, data: { status: "pending", claimedUntil: null } });
    expect(await deliver()).toMatchObject({ done: 1 });
    expect(await getImage(t.cloud.admin, glanceId)).toEqual(before);
  });

  it("pushes again when a user gets a project, so a share made before reaches them", async () => {
    const [glanceId, imageId] = await alicesSyncedImage("Early share");
    const provider = (await machineOf(glanceId))!.providerId;
    await db.identity.updateMany({ where: { providerId: provider, userId: t.world.users.bob.id }, data: { projectId: null } });
    await edit(imageId, { private: true, shared_with: ["bob"] });
    await deliver();
    expect(await getImage(t.cloud.admin, glanceId)).toMatchObject({ visibility: "private" });

    const { mapIdentity } = await import("@/lib/providers/map-identity");
    await mapIdentity("operator", { username: "bob", provider, project_id: t.cloud.env.OSDEV_BOB_PROJECT_ID });
    await deliver();
    expect(await listedIds(t.cloud.bob)).toContain(glanceId);
  });
});
