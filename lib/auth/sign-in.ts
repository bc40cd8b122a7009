import "server-only";
import { cookies, headers } from "next/headers";
import { clientAddress, verifyCredentials } from "./credentials";
import { encodeSession, sessionCookieName, sessionCookieOptions } from "./session";

/** Checks the credentials and sets next-auth's session cookie; false when they are wrong, a 429 AppError when throttled. */
export async function signInWithPassword(username: string, password: string): Promise<boolean> {
  const user = await verifyCredentials(username, password, clientAddress(await headers()));
  if (!user) return false;
  (await cookies()).set(sessionCookieName(), await encodeSession(user), sessionCookieOptions());
  return true;
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}

/** Only paths on this site: a sign-in link must not send people elsewhere. */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
