// When the cloud is not there (SPEC §9): wrong credentials, Keystone down, Glance down. Edits
// succeed at once, the sync records a clear error and leaves the catalog as it was, the outbox
// holds the changes and delivers them once the cloud is back, each applied once.
import { describe, expect, it } from "vitest";
import * as single from "@/app/api/v1/images/[id]/route";
import * as providersRoute from "@/app/api/v1/providers/route";
import { createDb, db } from "@/lib/db/client";
import { outboxHandlers } from "@/lib/outbox/handlers";
import { runDueJobs } from "@/lib/outbox/worker";
import { createImageRecord } from "@/lib/images/create-image";
import { OpenStackSession } from "@/lib/openstack/session";
import { call } from "../http";
import { createActiveImage, getImage, listedIds } from "../openstack-client";
import { addCloudProvider, catalogVersion, cloudWorld, deliver, machineOf, sync, workerDb } from "./cloud";

const t = cloudWorld();

const HOUR = 60 * 60_000;
/** Stopping and starting a daemon takes 5–15 s, more on a busy machine. */
const OUTAGE_TIMEOUT_MS = 180_000;
const later = (ms: number) => () => new Date(Date.now() + ms);

async function timedEdit(imageId: string, body: Record<string, unknown>) {
  const started = Date.now();
  const answer = await call(single.PATCH, `/api/v1/images/${imageId}`, { method: "PATCH", params: { id: imageId }, body, session: t.world.users.alice });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return Date.now() - started;
}

/** A catalog image whose machine is this Glance image on this provider, as a completed request leaves it. */
async function recordedMachine(provider: number, glanceId: string) {
  return createImageRecord(db, {
    name: "Recorded",
    description: "",
    createdBy: t.world.users.alice,
    tags: [],
    private: true,
    sharedWithIds: [],
    versions: [{ version: "1", providerId: provider, alias: glanceId }],
  });
}

describe("Glance down", () => {
  it("never fails or slows an edit; the sync fails clearly and changes nothing; the outbox delivers after, in order, once", async () => {
    const provider = await addCloudProvider(t.cloud, t.world);
    const image = await createActiveImage(t.cloud.alice, { name: "Through the outage" });
    await sync(provider);
    const { imageId } = (await machineOf(image.id))!;
    await t.cloud.stopService("glance-api");
    try {
      const took = [await timedEdit(imageId, { private: false }), await timedEdit(imageId, { private: true, shared_with: ["bob"] })];
      expect(Math.max(...took)).toBeLessThan(5000);

      const version = await catalogVersion();
      const run = await sync(provider);
      expect(run.error).toMatch(/^Glance at http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/);
      expect(await catalogVersion()).toBe(version);
      expect(await db.providerSync.findFirst({ where: { providerId: provider }, orderBy: { id: "desc" } })).toMatchObject({ error: run.error, added: 0, retired: 0 });

      expect(await deliver()).toMatchObject({ claimed: 1, retried: 1, done: 0 });
      const [first, second] = await db.outboxJob.findMany({ where: { kind: "cloud_push" }, orderBy: { id: "asc" } });
      expect(first).toMatchObject({ status: "pending", attempts: 1 });
      expect(first.lastError).toMatch(/Glance at .* is unreachable/);
      // The second waits behind the first: one image's changes apply in order.
      expect(second).toMatchObject({ status: "pending", attempts: 0 });
    } finally {
      await t.cloud.startService("glance-api");
    }

    // Another process (the app restarted) picks the jobs up when their retry is due.
    const restarted = createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 });
    try {
      const passes = [];
      for (let pass = await runDueJobs(restarted, { handlers: outboxHandlers(), clock: later(HOUR), log: () => {} }); pass.claimed > 0; pass = await runDueJobs(restarted, { handlers: outboxHandlers(), clock: later(HOUR), log: () => {} })) passes.push(pass);
      expect(passes.reduce((done, pass) => done + pass.done, 0)).toBe(2);
    } finally {
      await restarted.$disconnect();
    }
    expect((await db.outboxJob.findMany({ where: { kind: "cloud_push" }, orderBy: { id: "asc" } })).map((job) => [job.status, job.attempts])).toEqual([
      ["done", 2],
      ["done", 1],
    ]);
    expect(await getImage(t.cloud.admin, image.id)).toMatchObject({ visibility: "shared", atmosphere_image: imageId });
    expect(await listedIds(t.cloud.bob)).toContain(image.id);
    expect((await sync(provider)).error).toBe("");
  }, OUTAGE_TIMEOUT_MS);
});

describe("Keystone down", () => {
  it("fails the sync with a clear error and holds pushes until it is back", async () => {
    // A provider that has not signed in yet: no token kept from before.
    const provider = await addCloudProvider(t.cloud, t.world, {}, false);
    const image = await createActiveImage(t.cloud.alice, { name: "Waiting for Keystone" });
    const imageId = await recordedMachine(provider, image.id);
    await t.cloud.stopService("keystone");
    try {
      const version = await catalogVersion();
      const run = await sync(provider);
      expect(run.error).toMatch(/^Keystone at http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\) while trying to sign in\.$/);
      expect(await catalogVersion()).toBe(version);

      expect(await timedEdit(imageId, { private: false })).toBeLessThan(5000);
      expect(await deliver()).toMatchObject({ retried: 1, done: 0 });
      expect((await db.outboxJob.findFirstOrThrow({ where: { kind: "cloud_push" } })).lastError).toMatch(/Keystone at .* is unreachable/);
    } finally {
      await t.cloud.startService("keystone");
    }
    expect(await deliver(later(HOUR))).toMatchObject({ done: 1 });
    expect(await getImage(t.cloud.admin, image.id)).toMatchObject({ visibility: "public", atmosphere_image: imageId });
  }, OUTAGE_TIMEOUT_MS);
});

describe("wrong credentials", () => {
  const WRONG = "not-the-secret-0123456789";

  it("are told when a provider is added, by the sync, and by the deliveries, never with the secret", async () => {
    await expect(addCloudProvider(t.cloud, t.world, { credential_secret: WRONG })).rejects.toMatchObject({
      status: 400,
      detail: "Could not connect: Keystone answered 401 to sign in: The request you have made requires authentication.",
      errors: { credential_secret: [expect.any(String)] },
    });

    const provider = await addCloudProvider(t.cloud, t.world, { credential_secret: WRONG }, false);
    const image = await createActiveImage(t.cloud.alice, { name: "Not reached" });
    const imageId = await recordedMachine(provider, image.id);
    const run = await sync(provider);
    expect(run).toMatchObject({ error: "Keystone answered 401 to sign in: The request you have made requires authentication.", added: 0 });

    await timedEdit(imageId, { private: false });
    const lines: unknown[] = [];
    await runDueJobs(workerDb, { handlers: outboxHandlers(), log: (line) => lines.push(line) });
    const job = await db.outboxJob.findFirstOrThrow({ where: { kind: "cloud_push" } });
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toContain("Keystone answered 401");
    expect(await getImage(t.cloud.admin, image.id)).toMatchObject({ visibility: "private" });

    // The secret is nowhere: not in the row (sealed), the runs, the outbox, or any API answer.
    const row = await db.provider.findUniqueOrThrow({ where: { id: provider } });
    expect(row.secretSealed).toMatch(/^v1:/);
    const everything = JSON.stringify([row, lines, await db.providerSync.findMany(), await db.outboxJob.findMany(), (await call(providersRoute.GET, "/api/v1/providers", { session: t.world.users.staff })).body]);
    expect(lines).toEqual([expect.objectContaining({ event: "outbox_job", kind: "cloud_push", outcome: "retry", error: expect.stringContaining("Keystone answered 401") })]);
    expect(everything).not.toContain(WRONG);
    expect(everything).not.toContain(t.cloud.env.OSDEV_ADMIN_APP_CRED_SECRET);
  });
});

describe("a token Keystone no longer honours", () => {
  it("is replaced by signing in again when Glance answers 401", async () => {
    const session = new OpenStackSession({
      authUrl: t.cloud.env.OS_AUTH_URL,
      region: t.cloud.env.OS_REGION_NAME,
      credential: { kind: "application_credential", id: t.cloud.env.OSDEV_ADMIN_APP_CRED_ID, secret: t.cloud.env.OSDEV_ADMIN_APP_CRED_SECRET },
    });
    const first = await session.token();
    // Kept while it is young: one sign-in serves every call.
    expect((await session.token()).token).toBe(first.token);
    // Revoked before Glance ever saw it (Glance keeps tokens it has checked for a while).
    const revoked = await fetch(`${t.cloud.env.OS_AUTH_URL}/auth/tokens`, { method: "DELETE", headers: { "X-Auth-Token": t.cloud.admin.token, "X-Subject-Token": first.token } });
    expect(revoked.status).toBe(204);
    expect((await session.glance("/v2/images?limit=1", "list images")).status).toBe(200);
    expect((await session.token()).token).not.toBe(first.token);
  });
});
