import "server-only";
import { db } from "../db/client";
import { hashOfNoUser, verifyPassword } from "./passwords";
import { assertNotThrottled, clearFailedSignIns, recordFailedSignIn } from "./throttle";
import type { Viewer } from "./viewer";

/**
 * The user these credentials belong to, or null. As slow for an unknown user as for a wrong
 * password; repeated failures for a username or from an address are slowed, then refused (429).
 */
export async function verifyCredentials(username: string, password: string, address: string | null = null): Promise<Viewer | null> {
  const keys = { username, address };
  await assertNotThrottled(keys);
  const user = await db.user.findUnique({
    where: { username: username.trim() },
    select: { id: true, username: true, isStaff: true, passwordHash: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await hashOfNoUser()));
  if (!user || !matches) {
    await recordFailedSignIn(keys);
    return null;
  }
  await clearFailedSignIns(username);
  return { id: user.id, username: user.username, isStaff: user.isStaff };
}
