import "server-only";
import { db } from "../db/client";
import { forbidden } from "../errors";
import { localSignInEnabled, oidcSettings } from "./oidc/settings";
import { hashOfNoUser, verifyPassword } from "./passwords";
import { assertNotThrottled, clearFailedSignIns, recordFailedSignIn } from "./throttle";
import type { Viewer } from "./viewer";

/**
 * The user these credentials belong to, or null. As slow for an unknown user as for a wrong
 * password; repeated failures for a username or from an address are slowed, then refused (429).
 * With LOCAL_SIGN_IN=false every way in by password (the login form, POST /auth/token,
 * next-auth's credentials callback) is refused here, with a 403 that says how to sign in instead.
 */
export async function verifyCredentials(username: string, password: string, address: string | null = null): Promise<Viewer | null> {
  if (!localSignInEnabled()) throw localSignInOff();
  const keys = { username, address };
  await assertNotThrottled(keys);
  const user = await db.user.findUnique({
    where: { username: username.trim() },
    select: { id: true, username: true, isStaff: true, passwordHash: true },
  });
  // Users made by a sign-in through the institution have no password (an empty hash): checked
  // against the dummy hash, as slowly as anyone, and never a match.
  const matches = (await verifyPassword(password, user?.passwordHash || (await hashOfNoUser()))) && !!user?.passwordHash;
  if (!user || !matches) {
    await recordFailedSignIn(keys);
    return null;
  }
  await clearFailedSignIns(username);
  return { id: user.id, username: user.username, isStaff: user.isStaff };
}

export const localSignInOff = () =>
  forbidden(`Signing in with a username and password is turned off here; sign in with ${oidcSettings()?.name ?? "your institution"} on the sign-in page instead.`);
