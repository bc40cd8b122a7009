import type { Tx } from "../db/client";
import { badRequest } from "../errors";

/** The ids of these users, in order; any unknown username is a 400 on `field`. */
export async function userIdsByUsername(tx: Tx, usernames: string[], field: string): Promise<number[]> {
  const unique = [...new Set(usernames)];
  const users = await tx.user.findMany({ where: { username: { in: unique } }, select: { id: true, username: true } });
  const ids = new Map(users.map((user) => [user.username, user.id]));
  const unknown = unique.filter((name) => !ids.has(name));
  if (unknown.length > 0) {
    const message = `Unknown ${unknown.length === 1 ? "user" : "users"}: ${unknown.join(", ")}.`;
    throw badRequest(message, { [field]: [message] });
  }
  return unique.map((name) => ids.get(name)!);
}
