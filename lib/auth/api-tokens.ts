import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, dbKind, type Tx } from "../db/client";
import { badRequest, conflict, notFound, unauthorized } from "../errors";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";
import { ACTIVE_TOKENS_MAX } from "../validations/tokens";
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
  const summary = await db.$transaction(async (tx) => {
    await lockTokensOf(tx, userId);
    const created = await tx.apiToken.create({
      data: { userId, name: label, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), expiresAt },
      select: summarySelect,
    });
    // Counted after the insert, in the same transaction: the new token is included, and rolled back when over the cap.
    if ((await tx.apiToken.count({ where: activeWhere(userId, new Date()) })) > ACTIVE_TOKENS_MAX) {
      throw conflict(`You already have ${ACTIVE_TOKENS_MAX} active tokens, the most an account may hold: revoke one you no longer use first.`);
    }
    return created;
  });
  return { token, summary };
}

/**
 * Makes two creations for one user take turns, so that both cannot count 99 and each add one.
 * PostgreSQL: a row lock on the user (NO KEY UPDATE still lets other rows reference the user).
 * SQLite: the insert that follows is the transaction's first statement and takes the database's
 * one write lock, so the count after it sees every committed token.
 */
async function lockTokensOf(tx: Tx, userId: number): Promise<void> {
  if (dbKind === "postgresql") await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
}

const activeWhere = (userId: number, now: Date) => ({ userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });
const inactiveWhere = (userId: number, now: Date) => ({ userId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] });

/** A page of the user's tokens: the active ones first, then revoked and expired ones, each newest first. */
export async function listApiTokens(userId: number, request: PageRequest, url: URL): Promise<Page<ApiTokenSummary>> {
  const now = new Date();
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [active, inactive] = await Promise.all([db.apiToken.count({ where: activeWhere(userId, now) }), db.apiToken.count({ where: inactiveWhere(userId, now) })]);
  // The page is a window over the active tokens followed by the others.
  const { skip, take } = pageWindow(request);
  const activeRows = skip < active ? await db.apiToken.findMany({ where: activeWhere(userId, now), select: summarySelect, orderBy: newestFirst, skip, take }) : [];
  const rest = take - activeRows.length;
  const inactiveRows =
    rest > 0 ? await db.apiToken.findMany({ where: inactiveWhere(userId, now), select: summarySelect, orderBy: newestFirst, skip: Math.max(0, skip - active), take: rest }) : [];
  return toPage(url, request, active + inactive, [...activeRows, ...inactiveRows]);
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
