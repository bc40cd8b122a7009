import "server-only";
import { cookies, headers } from "next/headers";
import { clientAddress } from "../http/proxy-trust";
import { verifyCredentials } from "./credentials";
import { providerSignOutUrl } from "./oidc/sign-out";
import { encodeSession, endAllSessions, endSession, sessionCookieName, sessionCookieOptions, sessionIdOf } from "./session";
import type { Viewer } from "./viewer";

/**
 * Checks the credentials and sets next-auth's session cookie; false when they are wrong, a 429
 * AppError when throttled. A session this browser had before ends: a copy of its cookie must not
 * outlive the sign-in that replaced it.
 */
export async function signInWithPassword(username: string, password: string): Promise<boolean> {
  const user = await verifyCredentials(username, password, clientAddress(await headers()));
  if (!user) return false;
  const jar = await cookies();
  await endSession(await sessionIdOf(jar.get(sessionCookieName())?.value));
  jar.set(sessionCookieName(), await encodeSession(user), sessionCookieOptions());
  return true;
}

/**
 * Ends this browser's session on the server (a copy of the cookie stops working too) and drops
 * the cookie. Returns where to go next to end the institution's session as well, when the
 * session came from there and the provider offers that; else null.
 */
export async function signOut(): Promise<string | null> {
  const jar = await cookies();
  const idToken = await endSession(await sessionIdOf(jar.get(sessionCookieName())?.value));
  dropSessionCookie(jar);
  return idToken ? providerSignOutUrl(idToken) : null;
}

/** Ends every session of the viewer, in every browser, this one included. */
export async function signOutEverywhere(viewer: Viewer): Promise<void> {
  await endAllSessions(viewer.id);
  dropSessionCookie(await cookies());
}

// With the cookie's own attributes: a browser ignores a deletion of a __Secure- cookie that is not Secure.
const dropSessionCookie = (jar: Awaited<ReturnType<typeof cookies>>) => jar.set(sessionCookieName(), "", { ...sessionCookieOptions(), maxAge: 0 });
