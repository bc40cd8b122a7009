import "server-only";
import { db } from "../db/client";
import { hashOfNoUser, verifyPassword } from "./passwords";
import type { Viewer } from "./viewer";

/** The user these credentials belong to, or null; as slow for an unknown user as for a wrong password. */
export async function verifyCredentials(username: string, password: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({
    where: { username: username.trim() },
    select: { id: true, username: true, isStaff: true, passwordHash: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await hashOfNoUser()));
  return user && matches ? { id: user.id, username: user.username, isStaff: user.isStaff } : null;
}
