import "server-only";
import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { db } from "../db/client";
import { secureCookies, sessionCookieName } from "./session-cookie";
import { authSecret } from "./secret";
import type { Viewer } from "./viewer";

/**
 * A session lasts while it is used: it ends after IDLE without a request, and in any case
 * MAX_AGE after signing in. The cookie lives as long as the longest session could; the row in
 * `sessions` says whether it still counts, so signing out (here, or everywhere) ends it at once.
 */
const IDLE_MS = 24 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
// Moving `expires_at` on every request would make every read a write; every few minutes is enough.
const RENEW_AFTER_MS = 5 * 60 * 1000;

export { secureCookies, sessionCookieName };

export const sessionCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: secureCookies(),
  maxAge: SESSION_MAX_AGE_SECONDS,
});

const endOfSession = (createdAt: Date, now: Date) => new Date(Math.min(now.getTime() + IDLE_MS, createdAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000));

/**
 * Records a new session of the user and returns its id, which the cookie carries as `sid`.
 * `idToken`: the session comes from the institution's provider, whose session sign-out ends too.
 */
export async function openSession(userId: number, idToken: string | null = null): Promise<string> {
  const now = new Date();
  const id = randomBytes(24).toString("base64url");
  await db.session.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt: endOfSession(now, now), idToken } });
  return id;
}

/** A next-auth JWT for a new session of the user, the same one next-auth's own sign-in would issue. */
export async function encodeSession(user: Viewer): Promise<string> {
  return encode({
    token: { sub: String(user.id), name: user.username, isStaff: user.isStaff, sid: await openSession(user.id) },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/**
 * The viewer of a live session, or null when it has ended, run out or never existed. The user
 * is read with it, so that a staff flag taken away takes effect at once.
 */
export async function viewerOfSession(sid: unknown): Promise<Viewer | null> {
  if (typeof sid !== "string" || sid === "") return null;
  const session = await db.session.findUnique({
    where: { id: sid },
    select: { createdAt: true, lastSeenAt: true, expiresAt: true, endedAt: true, user: { select: { id: true, username: true, isStaff: true } } },
  });
  const now = new Date();
  if (!session || session.endedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > RENEW_AFTER_MS) {
    await db.session.updateMany({ where: { id: sid, endedAt: null }, data: { lastSeenAt: now, expiresAt: endOfSession(session.createdAt, now) } });
  }
  return session.user;
}

/** The viewer a session cookie names, or null. */
export async function viewerFromSessionToken(token: string | undefined): Promise<Viewer | null> {
  return viewerOfSession(await sessionIdOf(token));
}

/**
 * Signing out: this session ends, whoever holds a copy of its cookie. Returns the provider's ID
 * token when the session came from the institution (to end the provider's session too), else null.
 */
export async function endSession(sid: unknown): Promise<string | null> {
  if (typeof sid !== "string") return null;
  const { count } = await db.session.updateMany({ where: { id: sid, endedAt: null }, data: { endedAt: new Date() } });
  if (count === 0) return null;
  return (await db.session.findUnique({ where: { id: sid }, select: { idToken: true } }))?.idToken ?? null;
}

/** "Sign out everywhere": every session of the user ends (API tokens are separate and stay). */
export async function endAllSessions(userId: number): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
  return count;
}

/** How many sessions of the user are live now (shown beside "Sign out everywhere"). */
export function countLiveSessions(userId: number): Promise<number> {
  return db.session.count({ where: { userId, endedAt: null, expiresAt: { gt: new Date() } } });
}

/** The session id inside a cookie's token (null for a token that is not ours, or tampered with). */
export async function sessionIdOf(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: authSecret() });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}
