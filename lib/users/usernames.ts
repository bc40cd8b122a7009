import "server-only";
import { db } from "../db/client";

/** Every username but the viewer's, for pickers that must offer only existing users. */
export async function otherUsernames(viewerId: number): Promise<string[]> {
  const users = await db.user.findMany({ where: { id: { not: viewerId } }, select: { username: true }, orderBy: { username: "asc" } });
  return users.map((user) => user.username);
}
