import "server-only";
import { cookies, headers } from "next/headers";
import { clientAddress } from "../http/proxy-trust";
import { verifyCredentials } from "./credentials";
import { encodeSession, endAllSessions, endSession, sessionCookieName, sessionCookieOptions, sessionIdOf } from "./session";
import type { Viewer } from "./viewer";

/** Checks the credentials and sets next-auth's session cookie; false when they are wrong, a 429 AppError when throttled. */
export async function signInWithPassword(username: string, password: string): Promise<boolean> {
  const user = await verifyCredentials(username, password, clientAddress(await headers()));
  if (!user) return false;
  (await cookies()).set(sessionCookieName(), await encodeSession(user), sessionCookieOptions());
  return true;
}

/** Ends this browser's session on the server (a copy of the cookie stops working too) and drops the cookie. */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  await endSession(await sessionIdOf(jar.get(sessionCookieName())?.value));
  jar.delete(sessionCookieName());
}

/** Ends every session of the viewer, in every browser, this one included. */
export async function signOutEverywhere(viewer: Viewer): Promise<void> {
  await endAllSessions(viewer.id);
  (await cookies()).delete(sessionCookieName());
}
