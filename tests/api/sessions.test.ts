import { beforeAll, describe, expect, it } from "vitest";
import * as identitiesRoute from "@/app/api/v1/identities/route";
import * as imageRoute from "@/app/api/v1/images/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authOptions } from "@/lib/auth/options";
import { encodeSession, endAllSessions, endSession, openSession, sessionCookieName, sessionIdOf, viewerFromSessionToken, viewerOfSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const withCookie = (cookie: string) => ({ headers: { Cookie: `${sessionCookieName()}=${cookie}` } });

describe("sessions", () => {
  it("end on the server at sign-out: a copy of the cookie is signed out too", async () => {
    const cookie = await encodeSession(world.users.alice);
    expect((await call(identitiesRoute.GET, "/api/v1/identities", withCookie(cookie))).status).toBe(200);
    const id = world.images.private;
    expect((await call(imageRoute.GET, `/api/v1/images/${id}`, { params: { id }, ...withCookie(cookie) })).status).toBe(200);

    await endSession(await sessionIdOf(cookie));
    expect((await call(identitiesRoute.GET, "/api/v1/identities", withCookie(cookie))).status).toBe(401);
    expect((await call(imageRoute.GET, `/api/v1/images/${id}`, { params: { id }, ...withCookie(cookie) })).status).toBe(404);
  });

  it("sign out everywhere ends every session of the user, not their API tokens nor other users' sessions", async () => {
    const [first, second, bobs] = await Promise.all([encodeSession(world.users.alice), encodeSession(world.users.alice), encodeSession(world.users.bob)]);
    const { token } = await createApiToken(world.users.alice.id, "stays");
    expect(await endAllSessions(world.users.alice.id)).toBeGreaterThanOrEqual(2);
    for (const cookie of [first, second]) expect(await viewerFromSessionToken(cookie)).toBeNull();
    expect(await viewerFromSessionToken(bobs)).toMatchObject({ username: "bob" });
    expect((await call(identitiesRoute.GET, "/api/v1/identities", { token })).status).toBe(200);
  });

  it("slide forward with use, end after a day idle and two weeks after signing in", async () => {
    const sid = await openSession(world.users.carol.id);
    const age = (lastSeen: number, created: number) =>
      db.session.update({ where: { id: sid }, data: { lastSeenAt: new Date(Date.now() - lastSeen), createdAt: new Date(Date.now() - created), expiresAt: new Date(Date.now() - lastSeen + DAY) } });

    await age(HOUR, HOUR); // used an hour ago: renewed to a day from now
    expect(await viewerOfSession(sid)).toMatchObject({ username: "carol" });
    const renewed = await db.session.findUniqueOrThrow({ where: { id: sid } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + DAY - 60_000);

    await age(DAY + HOUR, 2 * DAY); // idle for more than a day
    expect(await viewerOfSession(sid)).toBeNull();

    await age(HOUR, 14 * DAY - 30 * 60_000); // in use, but the two weeks end in half an hour
    expect(await viewerOfSession(sid)).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sid } })).expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    await age(HOUR, 14 * DAY + 1);
    await db.session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await viewerOfSession(sid)).toBeNull();
  });

  it("a cookie without a session, or of a session never opened, is signed out", async () => {
    const { encode } = await import("next-auth/jwt");
    const legacy = await encode({ token: { sub: String(world.users.alice.id), name: "alice" }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await viewerFromSessionToken(legacy)).toBeNull();
    expect(await viewerOfSession("made-up")).toBeNull();
    expect(await viewerFromSessionToken("not a jwt")).toBeNull();
  });
});

describe("next-auth's own endpoints", () => {
  const jwt = authOptions().callbacks!.jwt!;

  it("open a session at sign-in and refuse the token once it has ended", async () => {
    const signedIn = await jwt({ token: { sub: String(world.users.bob.id) }, user: { id: String(world.users.bob.id), isStaff: false } as never, account: null });
    expect(await viewerOfSession(signedIn.sid)).toMatchObject({ username: "bob" });
    await expect(jwt({ token: signedIn, account: null } as never)).resolves.toMatchObject({ sid: signedIn.sid });

    await authOptions().events!.signOut!({ token: signedIn } as never);
    expect(await viewerOfSession(signedIn.sid)).toBeNull();
    await expect(jwt({ token: signedIn, account: null } as never)).rejects.toThrow(/ended/);
  });

  it("redirect only to paths of this site", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    expect(await redirect({ url: "/\t/evil.example", baseUrl: "http://localhost:3000" })).toBe("/");
    expect(await redirect({ url: "https://evil.example/", baseUrl: "http://localhost:3000" })).toBe("/");
    expect(await redirect({ url: "/images?tag=R", baseUrl: "http://localhost:3000" })).toBe("/images?tag=R");
  });
});
