import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import * as identities from "@/app/api/v1/identities/route";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { verifyCredentials } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { call } from "../http";
import { PASSWORD, seedFixture } from "../fixtures";

beforeAll(async () => {
  await seedFixture();
});
beforeEach(async () => {
  await db.signInThrottle.deleteMany();
});

// The address the connection came from, as our HTTP server (scripts/serve.ts) tells the app.
const signIn = (username: string, password: string, address = "192.0.2.10", headers: Record<string, string> = {}) =>
  call(tokenRoute.POST, "/api/v1/auth/token", { method: "POST", body: { username, password }, headers: { [PEER_ADDRESS_HEADER]: address, ...headers } });

describe("POST /api/v1/auth/token", () => {
  it("gives a working token for the right password, and the same 401 for a wrong one or an unknown user", async () => {
    const { status, body } = await signIn("carol", PASSWORD);
    expect(status).toBe(201);
    expect(body.token).toMatch(/^atmo_/);
    expect((await call(identities.GET, "/api/v1/identities", { token: body.token })).status).toBe(200);
    const wrong = await signIn("carol", "nope");
    const unknown = await signIn("nobody", "nope");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });
});

describe("sign-in throttling", () => {
  it("slows a username after 5 failures, then refuses it for 15 minutes after 10, with 429 and Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("bob", "wrong")).status).toBe(401);
    expect((await signIn("bob", "wrong")).status).toBe(401); // the 6th failure: the next try must wait
    const waiting = await signIn("bob", PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("1");
    for (let failures = 6; failures < 10; failures++) {
      await db.signInThrottle.updateMany({ data: { blockedUntil: null } }); // as if each wait had passed
      await signIn("bob", "wrong");
    }
    const locked = await signIn("bob", PASSWORD, "198.51.100.7");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(890);
    expect(locked.body.detail).toMatch(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
    // Another user is not affected.
    expect((await signIn("carol", PASSWORD, "198.51.100.7")).status).toBe(201);
  });

  it("a success clears the username's count", async () => {
    for (let i = 0; i < 4; i++) await signIn("alice", "wrong");
    expect((await signIn("alice", PASSWORD)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await signIn("alice", "wrong")).status).toBe(401);
    expect((await signIn("alice", PASSWORD)).status).toBe(201);
  });

  it("slows an address that fails for many usernames", async () => {
    for (let i = 0; i < 21; i++) await signIn(`user${i}`, "wrong", "203.0.113.9");
    const answer = await signIn("carol", PASSWORD, "203.0.113.9");
    expect(answer.status).toBe(429);
    expect((await signIn("carol", PASSWORD, "203.0.113.10")).status).toBe(201);
  });

  it("counts a client that makes up a new X-Forwarded-For each try as one client, without TRUST_PROXY", async () => {
    for (let i = 0; i < 21; i++) {
      expect((await signIn(`user${i}`, "wrong", "203.0.113.9", { "X-Forwarded-For": `198.51.100.${i}`, "X-Real-IP": `198.51.100.${i}` })).status).toBe(401);
    }
    expect((await signIn("carol", PASSWORD, "203.0.113.9", { "X-Forwarded-For": "198.51.100.200" })).status).toBe(429);
    const counted = await db.signInThrottle.findMany({ where: { key: { startsWith: "ip:" } } });
    expect(counted.map((row) => [row.key, row.failures])).toEqual([["ip:203.0.113.9", 21]]);
  });

  it("counts the same address when scripts sign in through next-auth's credentials endpoint", async () => {
    const credentials = authOptions().providers[0] as unknown as { options: { authorize: (credentials: object, request: object) => Promise<unknown> } };
    const request = { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.50", "x-forwarded-for": "198.51.100.1" } };
    expect(await credentials.options.authorize({ username: "carol", password: "wrong" }, request)).toBeNull();
    const counted = await db.signInThrottle.findMany({ where: { key: { startsWith: "ip:" } } });
    expect(counted.map((row) => row.key)).toEqual(["ip:203.0.113.50"]);
  });

  it("keeps the count in the database, where every app process sees it", async () => {
    for (let i = 0; i < 6; i++) await signIn("staff", "wrong");
    expect(await db.signInThrottle.findUnique({ where: { key: "user:staff" } })).toMatchObject({ failures: 6, blockedUntil: expect.any(Date) });
  });
});

describe("password checks", () => {
  it("take as long for an unknown user as for a wrong password", async () => {
    process.env.BCRYPT_COST = "10";
    await db.user.create({ data: { username: "slowhash", email: "s@example.org", displayName: "s", passwordHash: await hashPassword(PASSWORD) } });
    const time = async (username: string) => {
      const started = performance.now();
      await verifyCredentials(username, "wrong password");
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      await db.signInThrottle.deleteMany();
      known.push(await time("slowhash"));
      unknown.push(await time("no-such-user"));
    }
    process.env.BCRYPT_COST = "4";
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });
});

describe("a burst of password checks", () => {
  it("leaves the event loop free while a password is checked", async () => {
    process.env.BCRYPT_COST = "13"; // about 0.8 s here
    const hash = await hashPassword(PASSWORD);
    process.env.BCRYPT_COST = "4";
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await verifyPassword(PASSWORD, hash);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A check on the event loop (bcryptjs) lets a 10 ms timer fire a few times at most.
    expect(ticks).toBeGreaterThan((elapsed / 10) * 0.5);
  });

  it("runs them a few at a time and turns the rest of a flood away with 503 and Retry-After", async () => {
    process.env.BCRYPT_COST = "8";
    const hash = await hashPassword(PASSWORD);
    process.env.BCRYPT_COST = "4";
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => verifyPassword("wrong", hash)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => (outcome as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value === false).length).toBeGreaterThanOrEqual(64);
    for (const error of refused) expect(error).toMatchObject({ status: 503, headers: { "Retry-After": "2" } });
    expect(refused[0]).toBeInstanceOf(AppError);
  });
});
