// /admin/providers' data (lib/providers/admin-overview.ts): staff only, never a provider's secret,
// and "Retry now" on the deliveries to clouds.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { MAIL_JOB } from "@/lib/notifications/mail-job";
import { OPERATOR } from "@/lib/providers/actor";
import { providersOverview, retryDeliveries } from "@/lib/providers/admin-overview";
import { CLOUD_PUSH_JOB } from "@/lib/providers/write-back/queue-push";
import { sealSecret } from "@/lib/secrets/secret-box";
import { seedFixture, type Fixture } from "../fixtures";

const SECRET = "app-cred-secret-Zq8#never-shown";
const PASSWORD = "keystone-password-Xy7!never-shown";
const HOUR = 60 * 60 * 1000;

let world: Fixture;
let staff: Viewer;
let carol: Viewer;
let cloud: { id: number; secretSealed: string | null };
let passwordCloud: { id: number; secretSealed: string | null };

beforeAll(async () => {
  world = await seedFixture();
  staff = { id: world.users.staff.id, username: "staff", isStaff: true };
  carol = { id: world.users.carol.id, username: "carol", isStaff: false };
  const openstack = { kind: "openstack", authUrl: "https://keystone.example.org:5000/v3", region: "RegionOne", syncDueAt: new Date(Date.now() + HOUR) };
  cloud = await db.provider.create({
    data: { ...openstack, name: "Cloud A", location: "RegionOne", credentialId: "c0ffee12", secretSealed: sealSecret(SECRET) },
    select: { id: true, secretSealed: true },
  });
  passwordCloud = await db.provider.create({
    data: { ...openstack, name: "Cloud B", location: "Elsewhere", username: "catalog", projectName: "admin", domainName: "Default", secretSealed: sealSecret(PASSWORD), syncClaimedUntil: new Date(Date.now() + HOUR) },
    select: { id: true, secretSealed: true },
  });
  const started = Date.now() - 10 * HOUR;
  for (let n = 0; n < 7; n++) {
    await db.providerSync.create({
      data: { providerId: cloud.id, trigger: n === 6 ? "staff:staff" : "timer", startedAt: new Date(started + n * HOUR), finishedAt: new Date(started + n * HOUR + 1500), durationMs: 1500, seen: n, added: 1, error: n === 5 ? "Glance is unreachable" : "" },
    });
  }
  await db.identity.create({ data: { userId: world.users.alice.id, providerId: cloud.id, projectId: "0123456789abcdef0123456789abcdef" } });
});

const push = (image: string, extra: { status?: string; attempts?: number; runAfter?: Date; lastError?: string } = {}) =>
  db.outboxJob.create({
    data: { kind: CLOUD_PUSH_JOB, payload: JSON.stringify({ provider: cloud.id, machine: `glance-${image}`, image, reason: "private changed by alice" }), orderKey: `cloud:glance-${image}`, runAfter: new Date(), ...extra },
    select: { id: true },
  });

beforeEach(async () => {
  await db.outboxJob.deleteMany();
});

const statusOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
};

describe("who may read it", () => {
  it("anonymous: 401; a user who is not staff: 403; staff and the operator: the overview", async () => {
    expect(await statusOf(providersOverview(null))).toBe(401);
    expect(await statusOf(providersOverview(carol))).toBe(403);
    expect(await statusOf(providersOverview({ ...carol, username: "alice", id: world.users.alice.id }))).toBe(403);
    expect(await statusOf(providersOverview(staff))).toBe(200);
    expect(await statusOf(providersOverview(OPERATOR))).toBe(200);
  });

  it("the same for retrying deliveries, which then changes nothing", async () => {
    const job = await push(world.images.public, { status: "failed", attempts: 9, lastError: "CloudError: down" });
    expect(await statusOf(retryDeliveries(null))).toBe(401);
    expect(await statusOf(retryDeliveries(carol, [job.id]))).toBe(403);
    expect((await db.outboxJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
  });
});

describe("what staff see", () => {
  it("never a secret: neither the plain one nor the sealed one, under any name", async () => {
    await push(world.images.public, { lastError: "CloudError: Glance at http://glance:9292 is unreachable" });
    const text = JSON.stringify(await providersOverview(staff));
    for (const hidden of [SECRET, PASSWORD, cloud.secretSealed!, passwordCloud.secretSealed!, "secretSealed", "secret_sealed", "v1:"]) expect(text).not.toContain(hidden);
  });

  it("each provider with its kind, region, credential, last five runs, and sync state", async () => {
    const { providers } = await providersOverview(staff);
    const a = providers.find((provider) => provider.id === cloud.id)!;
    const b = providers.find((provider) => provider.id === passwordCloud.id)!;
    expect(a).toMatchObject({ name: "Cloud A", kind: "openstack", region: "RegionOne", authUrl: "https://keystone.example.org:5000/v3", credential: "application credential c0ffee12", syncing: false });
    expect(b).toMatchObject({ credential: "password of catalog in admin", syncing: true });
    expect(a.syncs.map((run) => run.seen)).toEqual([6, 5, 4, 3, 2]);
    expect(a.syncs[0]).toMatchObject({ trigger: "staff:staff", durationMs: 1500, added: 1, error: "" });
    expect(a.syncs[1].error).toBe("Glance is unreachable");
    expect(a.nextSyncDue).toMatch(/^\d{4}-/);
    const manual = providers.find((provider) => provider.id === world.providers.p1.id)!;
    expect(manual).toMatchObject({ kind: "manual", credential: null, syncs: [], nextSyncDue: null });
  });

  it("identities on openstack providers only", async () => {
    const { identities } = await providersOverview(staff);
    expect(identities).toEqual([{ id: expect.any(String), username: "alice", provider: cloud.id, providerName: "Cloud A", projectId: "0123456789abcdef0123456789abcdef" }]);
  });

  it("the cloud deliveries pending or failed, newest first, with the image's name; not the done ones nor e-mails", async () => {
    const old = await push(world.images.public, { status: "failed", attempts: 9, lastError: "CloudError: refused" });
    await push(world.images.shared, { status: "done" });
    await db.outboxJob.create({ data: { kind: MAIL_JOB, payload: "{}", runAfter: new Date() } });
    const recent = await push(world.images.private, { attempts: 2, lastError: "CloudError: Glance at http://127.0.0.1:9292 is unreachable" });
    const { deliveries } = await providersOverview(staff);
    expect(deliveries.map((delivery) => delivery.id)).toEqual([recent.id, old.id]);
    expect(deliveries[0]).toMatchObject({
      status: "pending",
      provider: cloud.id,
      providerName: "Cloud A",
      machine: `glance-${world.images.private}`,
      image: world.images.private,
      imageName: "Alice Private Pipeline",
      reason: "private changed by alice",
      attempts: 2,
      lastError: expect.stringContaining("unreachable"),
    });
    expect(deliveries[1]).toMatchObject({ status: "failed", attempts: 9, imageName: "Ubuntu 22.04 Base" });
  });

  it("at most 100 deliveries", async () => {
    await db.outboxJob.createMany({ data: Array.from({ length: 120 }, () => ({ kind: CLOUD_PUSH_JOB, payload: "not json", runAfter: new Date() })) });
    const { deliveries } = await providersOverview(staff);
    expect(deliveries).toHaveLength(100);
    expect(deliveries[0]).toMatchObject({ image: null, imageName: null, provider: null });
  });
});

describe("retry now", () => {
  it("makes the waiting ones due and the failed ones pending again with a fresh count; leaves the rest alone", async () => {
    const later = new Date(Date.now() + HOUR);
    const waiting = await push(world.images.public, { attempts: 3, runAfter: later, lastError: "CloudError: down" });
    const failed = await push(world.images.private, { status: "failed", attempts: 9, lastError: "CloudError: down" });
    const done = await push(world.images.shared, { status: "done", attempts: 1 });
    const mail = await db.outboxJob.create({ data: { kind: MAIL_JOB, payload: "{}", status: "failed", attempts: 9, runAfter: later }, select: { id: true } });
    const before = Date.now();
    expect(await retryDeliveries(staff)).toEqual({ retried: 2 });
    const row = (id: number) => db.outboxJob.findUniqueOrThrow({ where: { id } });
    const [w, f, d, m] = await Promise.all([row(waiting.id), row(failed.id), row(done.id), row(mail.id)]);
    expect(w).toMatchObject({ status: "pending", attempts: 3, lastError: "CloudError: down" });
    expect(w.runAfter.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(w.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    expect(f).toMatchObject({ status: "pending", attempts: 0, doneAt: null, lastError: "CloudError: down" });
    expect(f.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    expect(d.status).toBe("done");
    expect(m).toMatchObject({ status: "failed", attempts: 9 });
  });

  it("only the ones named, when some are", async () => {
    const one = await push(world.images.public, { status: "failed", attempts: 9 });
    const other = await push(world.images.private, { status: "failed", attempts: 9 });
    expect(await retryDeliveries(staff, [String(one.id)])).toEqual({ retried: 1 });
    expect((await db.outboxJob.findUniqueOrThrow({ where: { id: one.id } })).status).toBe("pending");
    expect((await db.outboxJob.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("failed");
    expect(await retryDeliveries(staff, [])).toEqual({ retried: 0 });
  });

  it("leaves alone a delivery a worker is running", async () => {
    const later = new Date(Date.now() + HOUR);
    const running = await push(world.images.public, { attempts: 1, runAfter: later });
    await db.outboxJob.update({ where: { id: running.id }, data: { claimedBy: "worker/1", claimedUntil: later } });
    expect(await retryDeliveries(staff)).toEqual({ retried: 0 });
    expect((await db.outboxJob.findUniqueOrThrow({ where: { id: running.id } })).runAfter).toEqual(later);
  });
});
