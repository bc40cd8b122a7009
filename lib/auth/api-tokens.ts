import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";
import { badRequest, notFound, unauthorized } from "../errors";
import type { Viewer } from "./viewer";

const TOKEN_PREFIX = "atmo_";
// Writing last_used_at on every request would turn every read into a write; once a minute is enough.
const LAST_USED_GRANULARITY_MS = 60_000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface ApiTokenSummary {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

/** Creates a token and returns it in the clear: the only time it is ever seen. */
export async function createApiToken(
  userId: number,
  name: string,
  expiresAt: Date | null = null,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const label = name.trim();
  if (label.length < 1 || label.length > 100) throw badRequest("Name the token (1 to 100 characters).", { name: ["Must be 1 to 100 characters."] });
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw badRequest("The expiry must be in the future.", { expires_at: ["Must be in the future."] });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const summary = await db.apiToken.create({
    data: { userId, name: label, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), expiresAt },
    select: summarySelect,
  });
  return { token, summary };
}

export function listApiTokens(userId: number): Promise<ApiTokenSummary[]> {
  return db.apiToken.findMany({ where: { userId }, select: summarySelect, orderBy: { createdAt: "desc" } });
}

export async function revokeApiToken(userId: number, tokenId: number): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("No such active token.");
}

/** The viewer behind `Authorization: Token …` or `Bearer …`; anything wrong with it is a 401. */
export async function viewerFromAuthorization(header: string): Promise<Viewer> {
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized("Malformed Authorization header: use `Token <token>` or `Bearer <token>`.");
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, username: true, isStaff: true } } },
  });
  const now = new Date();
  if (!row) throw unauthorized("Invalid token.");
  if (row.revokedAt) throw unauthorized("This token has been revoked.");
  if (row.expiresAt && row.expiresAt <= now) throw unauthorized("This token has expired.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.user;
}
