// Managing providers (SPEC §9) without a cloud: who may, what is checked, what is stored, and the
// sync claim that lets one process at a time sync a provider.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import * as providersRoute from "@/app/api/v1/providers/route";
import { db } from "@/lib/db/client";
import { OPERATOR } from "@/lib/providers/actor";
import { addProvider } from "@/lib/providers/add-provider";
import { mapIdentity } from "@/lib/providers/map-identity";
import { syncNow } from "@/lib/providers/sync/sync-now";
import { syncProvider } from "@/lib/providers/sync/sync-provider";
import { startSyncTimer } from "@/lib/providers/sync/sync-timer";
import { openSecret } from "@/lib/secrets/secret-box";
import { call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

// Nothing listens there: connecting is refused at once.
const NOWHERE = "http://127.0.0.1:59999/v3";
const SECRET = "a-credential-secret-of-86-characters-or-so";
const openstack = (name: string, extra: Record<string, unknown> = {}) => ({ name, auth_url: NOWHERE, region: "RegionOne", credential_id: "abc123", credential_secret: SECRET, ...extra });

describe("adding a provider", () => {
  it("is for staff and the operator only", async () => {
    await expect(addProvider(null, { name: "X", kind: "manual" })).rejects.toMatchObject({ status: 401 });
    await expect(addProvider(world.users.alice, { name: "X", kind: "manual" })).rejects.toMatchObject({ status: 403 });
    expect(await addProvider(world.users.staff, { name: "Manual by staff", kind: "manual", location: "Tucson" })).toMatchObject({ kind: "manual", checked: null });
    expect(await addProvider(OPERATOR, { name: "Manual by operator", kind: "manual" })).toMatchObject({ kind: "manual" });
  });

  it("names what an openstack provider is missing", async () => {
    await expect(addProvider(OPERATOR, { name: "Half" })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["auth_url"] }), expect.objectContaining({ path: ["region"] }), expect.objectContaining({ path: ["username"] })]),
    });
    await expect(addProvider(OPERATOR, openstack("No secret", { credential_secret: "" }))).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["credential_secret"] })],
    });
    await expect(addProvider(OPERATOR, openstack("Bad URL", { auth_url: "ftp://keystone" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["auth_url"] })] });
    await expect(addProvider(OPERATOR, openstack("Password in URL", { auth_url: "https://admin:hunter2@keystone.example.org/v3" }))).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["auth_url"], message: expect.stringContaining("May not carry a user name or password") })],
    });
  });

  it("tries the connection first and saves nothing when it fails", async () => {
    await expect(addProvider(OPERATOR, openstack("Unreachable"))).rejects.toMatchObject({
      status: 400,
      detail: "Could not connect: Keystone at http://127.0.0.1:59999 is unreachable (ECONNREFUSED) while trying to sign in.",
      errors: { auth_url: [expect.stringContaining("unreachable")] },
    });
    expect(await db.provider.count({ where: { name: "Unreachable" } })).toBe(0);
  });

  it("seals the secret, and no API answer shows any part of the connection's secret", async () => {
    const added = await addProvider(OPERATOR, openstack("Sealed"), { check: false });
    const row = await db.provider.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ kind: "openstack", authUrl: NOWHERE, region: "RegionOne", credentialId: "abc123", username: null, location: "RegionOne" });
    expect(row.secretSealed).not.toContain(SECRET);
    expect(openSecret(row.secretSealed!)).toBe(SECRET);
    const listed = await call(providersRoute.GET, "/api/v1/providers?page_size=100", { session: world.users.staff });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect(JSON.stringify(listed.body)).not.toContain(row.secretSealed!);
    await expect(addProvider(OPERATOR, openstack("Sealed"), { check: false })).rejects.toMatchObject({ status: 409 });
  });

  it("answers 503, storing nothing, when the server has no usable key for secrets", async () => {
    const key = process.env.SECRETS_KEY;
    process.env.SECRETS_KEY = "not a key";
    try {
      await expect(addProvider(OPERATOR, openstack("No key"), { check: false })).rejects.toMatchObject({ status: 503, detail: expect.stringContaining("SECRETS_KEY must be 32 bytes") });
    } finally {
      process.env.SECRETS_KEY = key;
    }
    expect(await db.provider.count({ where: { name: "No key" } })).toBe(0);
  });

  it("gives an existing openstack provider a new credential with update, and nothing else", async () => {
    const { id } = await addProvider(OPERATOR, openstack("Rotated"), { check: false });
    const updated = await addProvider(OPERATOR, openstack("Rotated", { credential_id: "new-id", credential_secret: "new-secret" }), { check: false, update: true });
    expect(updated.id).toBe(id);
    const row = await db.provider.findUniqueOrThrow({ where: { id } });
    expect(row.credentialId).toBe("new-id");
    expect(openSecret(row.secretSealed!)).toBe("new-secret");
    await expect(addProvider(OPERATOR, openstack("Nobody"), { check: false, update: true })).rejects.toMatchObject({ status: 404 });
    await expect(addProvider(OPERATOR, { name: "Provider One", kind: "manual" }, { update: true })).rejects.toMatchObject({ status: 409 });
  });

  it("keeps a password sign-in's user, project and domain", async () => {
    const added = await addProvider(OPERATOR, { name: "By password", auth_url: NOWHERE, region: "R", username: "svc", password: SECRET, project_name: "admin" }, { check: false });
    expect(await db.provider.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ credentialId: null, username: "svc", projectName: "admin", domainName: "Default" });
  });
});

describe("mapping an identity", () => {
  it("creates or moves a user's account on a provider, with its Keystone project on an openstack one", async () => {
    const cloud = await addProvider(OPERATOR, openstack("Identities"), { check: false });
    await expect(mapIdentity(world.users.bob, { username: "carol", provider: cloud.id, project_id: "p1" })).rejects.toMatchObject({ status: 403 });
    await expect(mapIdentity(OPERATOR, { username: "nobody", provider: cloud.id, project_id: "p1" })).rejects.toMatchObject({ status: 404 });
    await expect(mapIdentity(OPERATOR, { username: "carol", provider: 99999, project_id: "p1" })).rejects.toMatchObject({ status: 404 });
    await expect(mapIdentity(OPERATOR, { username: "carol", provider: cloud.id })).rejects.toMatchObject({ status: 400, errors: { project_id: expect.any(Array) } });
    await expect(mapIdentity(OPERATOR, { username: "carol", provider: cloud.id, project_id: "no spaces" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["project_id"] })] });

    const first = await mapIdentity(world.users.staff, { username: "carol", provider: String(cloud.id), project_id: "aaaa" });
    const moved = await mapIdentity(OPERATOR, { username: "carol", provider: cloud.id, project_id: "bbbb" });
    expect(moved).toMatchObject({ id: first.id, project_id: "bbbb" });
    expect(await mapIdentity(OPERATOR, { username: "carol", provider: world.providers.p2.id })).toMatchObject({ project_id: null });
  });
});

describe("syncing", () => {
  it("is refused for manual, unknown and others' providers", async () => {
    await expect(syncNow(world.users.alice, world.providers.p1.id)).rejects.toMatchObject({ status: 403 });
    await expect(syncNow(OPERATOR, world.providers.p1.id)).rejects.toMatchObject({ status: 400 });
    await expect(syncNow(OPERATOR, 99999)).rejects.toMatchObject({ status: 404 });
  });

  it("is run by one caller at a time, records its failure, and is not due again until the interval has passed", async () => {
    const { id } = await addProvider(OPERATOR, openstack("Claimed"), { check: false });
    const runs = await Promise.all([syncProvider(id, "a"), syncProvider(id, "b"), syncProvider(id, "c")]);
    const ran = runs.filter((run) => run !== null);
    // A run that fails at once may be over before another caller even asks (PostgreSQL runs them
    // truly side by side): what must hold is that no two runs overlap.
    expect(ran.length).toBeGreaterThanOrEqual(1);
    for (const run of ran) expect(run!.error).toMatch(/^Keystone at http:\/\/127\.0\.0\.1:59999 is unreachable/);
    const recorded = await db.providerSync.findMany({ where: { providerId: id }, orderBy: { startedAt: "asc" }, select: { startedAt: true, finishedAt: true } });
    expect(recorded).toHaveLength(ran.length);
    for (let index = 1; index < recorded.length; index++) expect(recorded[index].startedAt.getTime()).toBeGreaterThanOrEqual(recorded[index - 1].finishedAt!.getTime());
    const row = await db.provider.findUniqueOrThrow({ where: { id } });
    expect(row.syncClaim).toBeNull();
    expect(row.syncDueAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // The timer's sync waits for the due time; Sync now does not.
    expect(await syncProvider(id, "timer", { onlyWhenDue: true })).toBeNull();
    expect(await syncNow(OPERATOR, id)).toMatchObject({ error: expect.stringContaining("unreachable") });
  });

  it("marks a run left unfinished by a process that died, and frees the claim even when a run cannot start", async () => {
    const { id } = await addProvider(OPERATOR, openstack("Abandoned"), { check: false });
    const left = await db.providerSync.create({ data: { providerId: id, trigger: "timer", startedAt: new Date(Date.now() - 3_600_000) } });
    await db.provider.update({ where: { id }, data: { syncClaim: "dead-process", syncClaimedUntil: new Date(Date.now() - 1000) } });
    await syncProvider(id, "command");
    expect(await db.providerSync.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({ error: expect.stringContaining("Not finished") });
    expect((await db.providerSync.findUniqueOrThrow({ where: { id: left.id } })).finishedAt).not.toBeNull();

    // The sealed secret no longer opens: the run says so, and the claim is released.
    await db.provider.update({ where: { id }, data: { secretSealed: "v1:AAAA:AAAA:AAAA" } });
    expect(await syncNow(OPERATOR, id)).toMatchObject({ error: expect.stringContaining("does not open") });
    expect((await db.provider.findUniqueOrThrow({ where: { id } })).syncClaim).toBeNull();
  });
});

describe("the sync timer", () => {
  it("runs in every process, and each due provider is synced by one of them", async () => {
    const { id } = await addProvider(OPERATOR, openstack("Timed"), { check: false });
    // Two timers, as two app processes run them: the claim in the database lets one sync it.
    const timers = [startSyncTimer({ log: () => {} }), startSyncTimer({ log: () => {} })];
    try {
      await expect.poll(() => db.providerSync.count({ where: { providerId: id } }), { timeout: 10_000 }).toBe(1);
      await sleep(1000);
      expect(await db.providerSync.findMany({ where: { providerId: id } })).toEqual([expect.objectContaining({ trigger: "timer", error: expect.stringContaining("unreachable") })]);
    } finally {
      await Promise.all(timers.map((timer) => timer?.stop()));
    }
  });

  it("is off with PROVIDER_SYNC_SECONDS=0, and refuses a value that is not a number of seconds", () => {
    process.env.PROVIDER_SYNC_SECONDS = "0";
    expect(startSyncTimer()).toBeNull();
    process.env.PROVIDER_SYNC_SECONDS = "5m";
    expect(() => startSyncTimer()).toThrow(/PROVIDER_SYNC_SECONDS must be a whole number of seconds/);
    delete process.env.PROVIDER_SYNC_SECONDS;
  });
});
