import "server-only";
import { decode, encode } from "next-auth/jwt";
import { db } from "../db/client";
import { authSecret } from "./secret";
import type { Viewer } from "./viewer";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// next-auth's own names: a __Secure- cookie when the site is served over HTTPS.
export const secureCookies = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
export const sessionCookieName = () => (secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token");

export const sessionCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: secureCookies(),
  maxAge: SESSION_MAX_AGE_SECONDS,
});

/** A next-auth JWT for the user, the same one next-auth's own sign-in would issue. */
export function encodeSession(user: Viewer): Promise<string> {
  return encode({
    token: { sub: String(user.id), name: user.username, isStaff: user.isStaff },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/**
 * The viewer a session cookie names, or null. The user is read again so that a staff flag
 * taken away, or a removed user, takes effect at once rather than when the cookie expires.
 */
export async function viewerFromSessionToken(token: string | undefined): Promise<Viewer | null> {
  if (!token) return null;
  let payload;
  try {
    payload = await decode({ token, secret: authSecret() });
  } catch {
    return null;
  }
  const id = Number(payload?.sub);
  if (!Number.isSafeInteger(id)) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, username: true, isStaff: true } });
}
