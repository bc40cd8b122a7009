// Completing a request on an openstack provider (SPEC §9): the snapshot's Glance image, named by
// alias or found by its atmosphere_request property, checked to exist and be active, becomes
// the new version's machine, and the write-back gives it our properties and the request's visibility.
import { beforeAll, describe, expect, it } from "vitest";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import { db } from "@/lib/db/client";
import { call } from "../http";
import { createActiveImage, createQueuedImage, getImage } from "../openstack-client";
import { seedRequestBody } from "../seed-example";
import { addCloudProvider, cloudWorld, deliver, machineOf, sync } from "./cloud";

const t = cloudWorld();
let provider: number;
beforeAll(async () => {
  provider = await addCloudProvider(t.cloud, t.world);
});

let instances = 0;

/** alice's request, on the t.cloud, to image a new instance of hers, approved by staff: its id. */
async function request(): Promise<number> {
  const identity = await db.identity.findFirstOrThrow({ where: { providerId: provider, userId: t.world.users.alice.id } });
  const instance = await db.instance.create({ data: { name: `cloud-vm-${++instances}`, providerId: provider, identityId: identity.id } });
  const answer = await call(requestImageRoute.POST, "/api/v1/provider/x/identity/x/request_image/", {
    method: "POST",
    params: { providerId: String(provider), identityId: identity.id },
    body: { ...seedRequestBody(instance.alias, provider, `Snapshot ${instances}`), vis: ["bob"] },
    session: t.world.users.alice,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const { id } = answer.body;
  const approved = await call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body: { status: "approved" }, session: t.world.users.staff });
  expect(approved.status).toBe(200);
  return id;
}

const complete = (id: number, body: Record<string, unknown> = {}) =>
  call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body: { status: "completed", ...body }, session: t.world.users.staff });

describe("completing a request on an openstack provider", () => {
  it("records the Glance image named by alias, and the write-back tags it and shares it as the request asked", async () => {
    const id = await request();
    const snapshot = await createActiveImage(t.cloud.alice, { name: "snapshot of cloud-vm" });
    const answer = await complete(id, { alias: snapshot.id.toUpperCase() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);

    const machine = (await machineOf(snapshot.id))!;
    expect(machine).toMatchObject({ providerId: provider, version: "1", cloudStatus: "active", size: 1n, diskFormat: "qcow2", checksum: snapshot.os_hash_value });
    expect(machine.image).toMatchObject({ name: "Snapshot 1", private: true });
    expect((await db.imageRequest.findUniqueOrThrow({ where: { id } })).imageId).toBe(machine.imageId);

    expect(await deliver()).toMatchObject({ done: 1, retried: 0 });
    expect(await getImage(t.cloud.admin, snapshot.id)).toMatchObject({ atmosphere_image: machine.imageId, atmosphere_version: "1", visibility: "shared" });
    expect(await getImage(t.cloud.bob, snapshot.id)).not.toBeNull();
  });

  it("finds the image whose atmosphere_request is the request's id, which a sync leaves to the completion", async () => {
    const id = await request();
    const snapshot = await createActiveImage(t.cloud.admin, { name: "made by staff", atmosphere_request: String(id) });
    await createActiveImage(t.cloud.admin, { name: "another request's", atmosphere_request: String(id + 1000) });
    // A sync between the snapshot and the completion: the snapshot of an open request is not imported.
    expect(await sync(provider)).toMatchObject({ skipped: 1, added: 1 });
    expect((await complete(id)).status).toBe(200);
    expect((await machineOf(snapshot.id))!.imageId).toBe((await db.imageRequest.findUniqueOrThrow({ where: { id } })).imageId);
  });

  it("refuses an image that does not exist, is not active, is another version's, or cannot be found, and leaves the request as it was", async () => {
    const id = await request();
    const missing = await complete(id, { alias: "00000000-0000-4000-8000-000000000000" });
    expect(missing.status).toBe(409);
    expect(missing.body.errors.alias).toBeDefined();

    const queued = await createQueuedImage(t.cloud.alice, { name: "still uploading" });
    const notActive = await complete(id, { alias: queued.id });
    expect(notActive.status).toBe(409);
    expect(notActive.body.detail).toMatch(/is queued, not active/);

    const none = await complete(id);
    expect(none.status).toBe(409);
    expect(none.body.detail).toContain(`--property atmosphere_request=${id}`);

    const taken = await createActiveImage(t.cloud.alice, { name: "taken" });
    const other = await request();
    expect((await complete(other, { alias: taken.id })).status).toBe(200);
    expect((await complete(id, { alias: taken.id })).status).toBe(409);

    expect((await db.imageRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    expect(await db.outboxJob.count({ where: { kind: "cloud_push", payload: { contains: queued.id } } })).toBe(0);
  });

  it("answers 503 while Glance is down, and completes once it is back", async () => {
    const id = await request();
    const snapshot = await createActiveImage(t.cloud.alice, { name: "during an outage" });
    await t.cloud.stopService("glance-api");
    try {
      const answer = await complete(id, { alias: snapshot.id });
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("30");
      expect(answer.body.detail).toMatch(/Glance at .* is unreachable/);
      expect((await db.imageRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    } finally {
      await t.cloud.startService("glance-api");
    }
    expect((await complete(id, { alias: snapshot.id })).status).toBe(200);
  }, 180_000);

  it("takes an alias only to complete", async () => {
    const id = await request();
    const answer = await call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, {
      method: "PATCH",
      params: { id: String(id) },
      body: { status: "processing", alias: "00000000-0000-4000-8000-000000000000" },
      session: t.world.users.staff,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.alias).toBeDefined();
  });
});
