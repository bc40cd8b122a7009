import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { ACTIVE_TOKENS_MAX } from "@/lib/validations/tokens";
import { call } from "../http";
import { PASSWORD, seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const DAY = 24 * 60 * 60 * 1000;
const URL_ = new URL("http://test.local/settings/tokens");

/** Stored tokens, straight into the table: what the tests count, not what they create. */
async function storeTokens(userId: number, count: number, extra: { revokedAt?: Date; expiresAt?: Date; name?: string; createdAt?: (index: number) => Date } = {}) {
  const { createdAt, name = "stored", ...dates } = extra;
  await db.apiToken.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      userId,
      name: `${name} ${index}`,
      tokenHash: randomUUID(),
      prefix: "atmo_stored",
      ...(createdAt ? { createdAt: createdAt(index) } : {}),
      ...dates,
    })),
  });
}

const activeCount = (userId: number) =>
  db.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });

describe(`the cap of ${ACTIVE_TOKENS_MAX} active tokens per user`, () => {
  it("refuses one more with a 409; revoked and expired tokens do not count, and revoking one makes room", async () => {
    const carol = world.users.carol.id;
    await storeTokens(carol, ACTIVE_TOKENS_MAX - 1);
    await storeTokens(carol, 5, { revokedAt: new Date() });
    await storeTokens(carol, 5, { expiresAt: new Date(Date.now() - DAY) });
    const last = await createApiToken(carol, "the hundredth");
    await expect(createApiToken(carol, "one too many")).rejects.toMatchObject({
      status: 409,
      detail: `You already have ${ACTIVE_TOKENS_MAX} active tokens, the most an account may hold: revoke one you no longer use first.`,
    });
    expect(await activeCount(carol)).toBe(ACTIVE_TOKENS_MAX);
    await revokeApiToken(carol, last.summary.id);
    await createApiToken(carol, "in its place");
    expect(await activeCount(carol)).toBe(ACTIVE_TOKENS_MAX);
  });

  it("answers POST /auth/token with a 409 problem, creating nothing", async () => {
    const bob = world.users.bob.id;
    await storeTokens(bob, ACTIVE_TOKENS_MAX - (await activeCount(bob)));
    const answer = await call(tokenRoute.POST, "/api/v1/auth/token", { method: "POST", body: { username: "bob", password: PASSWORD } });
    expect(answer.status).toBe(409);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.body.detail).toMatch(/revoke one you no longer use/);
    expect(await activeCount(bob)).toBe(ACTIVE_TOKENS_MAX);
  });

  it("holds when creations race: of ten at 98, two are made", async () => {
    const staff = world.users.staff.id;
    await storeTokens(staff, ACTIVE_TOKENS_MAX - 2 - (await activeCount(staff)));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => createApiToken(staff, `racing ${index}`)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(2);
    for (const outcome of outcomes.filter((outcome) => outcome.status === "rejected")) expect(outcome.reason).toMatchObject({ status: 409 });
    expect(await activeCount(staff)).toBe(ACTIVE_TOKENS_MAX);
  });

  it("stops npm run token:create with the reason", async () => {
    const alice = world.users.alice.id;
    await storeTokens(alice, ACTIVE_TOKENS_MAX - (await activeCount(alice)));
    const run = promisify(execFile)("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/create-token.ts", "--username", "alice"], { env: process.env });
    await expect(run).rejects.toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining(`You already have ${ACTIVE_TOKENS_MAX} active tokens`) });
    expect(await activeCount(alice)).toBe(ACTIVE_TOKENS_MAX);
  });
});

describe("the list of a user's tokens", () => {
  it("is paged, the active tokens first, then revoked and expired ones, each newest first; a page past the last is a 404", async () => {
    const { id } = await db.user.create({ data: { username: "dave", email: "dave@example.org", displayName: "dave", passwordHash: "x" } });
    const day = (index: number) => new Date(Date.now() - (10 - index) * DAY);
    await storeTokens(id, 3, { name: "active", createdAt: day });
    await storeTokens(id, 1, { name: "revoked", createdAt: (index) => day(index + 5), revokedAt: new Date() });
    await storeTokens(id, 1, { name: "expired", createdAt: (index) => day(index + 6), expiresAt: new Date(Date.now() - 1000) });
    const names = async (page: number) => (await listApiTokens(id, { page, page_size: 2 }, URL_)).results.map((token) => token.name);
    expect(await names(1)).toEqual(["active 2", "active 1"]);
    expect(await names(2)).toEqual(["active 0", "expired 0"]);
    expect(await names(3)).toEqual(["revoked 0"]);
    expect((await listApiTokens(id, { page: 1, page_size: 2 }, URL_)).count).toBe(5);
    await expect(listApiTokens(id, { page: 4, page_size: 2 }, URL_)).rejects.toMatchObject({ status: 404 });
  });
});
