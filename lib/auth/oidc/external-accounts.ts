import "server-only";
import { z } from "zod";
import { Prisma, db } from "../../db/client";
import { isUniqueViolation } from "../../db/unique-violation";
import { USERNAME_PATTERN } from "../../validations/common";
import type { Viewer } from "../viewer";

/** The claims a sign-in reads (the ID token's, over the userinfo endpoint's). */
export interface OidcClaims {
  email_verified?: unknown;
  sub?: unknown;
  preferred_username?: unknown;
  email?: unknown;
  name?: unknown;
  groups?: unknown;
}

const USERNAME_MAX = 150;
// Room for "-2" … "-99999" after a name cut to fit.
const SUFFIX_ROOM = 6;

/**
 * A claim as the username rule allows (SPEC §10): letters without their accents, any other
 * character not allowed becomes "_", lower case, at most 150 characters; "user" when nothing is left.
 */
export function cleanUsername(claim: unknown): string {
  const text = typeof claim === "string" ? claim : "";
  const cleaned = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9_.@+-]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase()
    .slice(0, USERNAME_MAX - SUFFIX_ROOM);
  return USERNAME_PATTERN.test(cleaned) ? cleaned : "user";
}

/** The names to try, in order: the cleaned name, then with -2, -3, … */
export function* usernameCandidates(base: string): Generator<string> {
  yield base;
  for (let suffix = 2; suffix < 100_000; suffix++) yield `${base}-${suffix}`;
}

/** Whether the `groups` claim (a list, or one string) names one of the staff groups. */
export function isStaffByGroups(groups: unknown, staffGroups: string[]): boolean {
  const values = Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : [];
  return values.some((group) => typeof group === "string" && staffGroups.includes(group));
}

const text = (claim: unknown) => (typeof claim === "string" ? claim.trim() : "");

/** The `email` claim when it is one address the provider has not said is unverified; else "" (notices are mailed to it). */
export function verifiedEmail(claims: OidcClaims): string {
  const email = text(claims.email);
  return claims.email_verified !== false && z.email().safeParse(email).success ? email : "";
}

// Two sign-ins racing for one name or one account: a few tries settle it; more is a bug.
const ATTEMPTS = 5;

/**
 * The user a verified sign-in at `issuer` stands for: the one linked to its `sub`, with e-mail,
 * name and (when staff groups are configured) the staff flag brought up to date; or, on the first
 * sign-in, a new user with a username of its own. Never an existing user found by e-mail or
 * username: whoever controls an account at the provider must not take over a local one.
 */
export async function userForOidcSignIn(issuer: string, claims: OidcClaims, staffGroups: string[]): Promise<Viewer> {
  const subject = text(claims.sub);
  if (!subject || !issuer) throw new Error("The provider's answer has no issuer or subject.");
  const email = verifiedEmail(claims);
  const displayName = text(claims.name) || text(claims.preferred_username);
  const staff = staffGroups.length > 0 ? { isStaff: isStaffByGroups(claims.groups, staffGroups) } : {};
  const select = { id: true, username: true, isStaff: true } as const;
  const key = { issuer_subject: { issuer, subject } };

  for (let attempt = 1; ; attempt++) {
    const linked = await db.externalAccount.findUnique({ where: key, select: { userId: true } });
    if (linked) {
      const [user] = await db.$transaction([
        // A claim the provider stopped sending leaves what we had.
        db.user.update({ where: { id: linked.userId }, data: { ...(email ? { email } : {}), ...(displayName ? { displayName } : {}), ...staff }, select }),
        db.externalAccount.update({ where: key, data: { lastSignInAt: new Date() } }),
      ]);
      return user;
    }
    const fromName = cleanUsername(claims.preferred_username);
    const username = await freeUsername(fromName !== "user" || !email ? fromName : cleanUsername(email.split("@")[0]));
    try {
      return await db.user.create({
        data: {
          username,
          email,
          displayName: displayName || username,
          // No password: the local sign-in never matches an empty hash (see verifyCredentials).
          passwordHash: "",
          isStaff: staff.isStaff ?? false,
          externalAccounts: { create: { issuer, subject } },
        },
        select,
      });
    } catch (error) {
      // The name was taken, or this account linked, by a sign-in running beside this one: look again.
      if (!isUniqueViolation(error) || attempt === ATTEMPTS) throw error;
    }
  }
}

/**
 * The first candidate no user has, in any case: "Olivia" and "olivia" would be two people
 * nobody could tell apart in a share list.
 */
async function freeUsername(base: string): Promise<string> {
  const taken = await db.$queryRaw<{ name: string }[]>(
    Prisma.sql`SELECT lower(username) AS name FROM users WHERE lower(username) = ${base} OR lower(username) LIKE ${`${base.replace(/[\\%_]/g, "\\$&")}-%`} ESCAPE '\\'`,
  );
  const names = new Set(taken.map((row) => row.name));
  for (const candidate of usernameCandidates(base)) if (!names.has(candidate)) return candidate;
  throw new Error(`No free username starting with ${base}.`);
}
