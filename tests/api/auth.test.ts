import { describe, expect, it, beforeAll } from "vitest";
import * as collection from "@/app/api/v1/images/route";
import { createApiToken, hashToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { verifyCredentials } from "@/lib/auth/credentials";
import { encodeSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { call } from "../http";
import { PASSWORD, seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

describe("passwords", () => {
  it("are stored as bcrypt hashes and checked", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "alice" } });
    expect(user.passwordHash).toMatch(/^\$2[ab]\$/);
    expect(await verifyCredentials("alice", PASSWORD)).toEqual({ id: user.id, username: "alice", isStaff: false });
    expect(await verifyCredentials("alice", "wrong")).toBeNull();
    expect(await verifyCredentials("nobody", PASSWORD)).toBeNull();
  });
});

describe("API tokens", () => {
  it("are stored as hashes, shown once, listed without the secret", async () => {
    const { token, summary } = await createApiToken(world.users.carol.id, "ci");
    expect(token).toMatch(/^atmo_[\w-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
    expect(token.startsWith(summary.prefix)).toBe(true);
    expect((await listApiTokens(world.users.carol.id, { page: 1, page_size: 20 }, new URL("http://test.local/settings/tokens"))).results.map((t) => t.name)).toEqual(["ci"]);
  });

  it("work until revoked, then are a 401; last use is recorded", async () => {
    const { token, summary } = await createApiToken(world.users.carol.id, "short-lived");
    expect((await call(collection.GET, "/api/v1/images", { token })).status).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt).not.toBeNull();
    await revokeApiToken(world.users.carol.id, summary.id);
    expect((await call(collection.GET, "/api/v1/images", { token })).status).toBe(401);
  });

  it("cannot be revoked by another user", async () => {
    const { summary } = await createApiToken(world.users.carol.id, "mine");
    await expect(revokeApiToken(world.users.bob.id, summary.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuse a past expiry and a blank name", async () => {
    await expect(createApiToken(world.users.carol.id, " ")).rejects.toMatchObject({ status: 400 });
    await expect(createApiToken(world.users.carol.id, "x", new Date(Date.now() - 1))).rejects.toMatchObject({ status: 400 });
  });
});

describe("session cookies", () => {
  it("a next-auth session JWT signs the viewer in; a staff flag taken away is gone at once", async () => {
    const staffView = await call(collection.GET, "/api/v1/images", { session: world.users.staff });
    expect(staffView.body.count).toBe(5);
    await db.user.update({ where: { id: world.users.staff.id }, data: { isStaff: false } });
    const after = await call(collection.GET, "/api/v1/images", { session: world.users.staff });
    expect(after.body.count).toBe(3);
    await db.user.update({ where: { id: world.users.staff.id }, data: { isStaff: true } });
  });

  it("a cookie signed with another secret is anonymous", async () => {
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-secret";
    const forged = await encodeSession(world.users.staff);
    process.env.NEXTAUTH_SECRET = secret;
    const { body } = await call(collection.GET, "/api/v1/images", { headers: { Cookie: `next-auth.session-token=${forged}` } });
    expect(body.count).toBe(3);
  });
});
