import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseKind } from "../database-url";

const SECRET_FILE = path.join("data", "auth-secret");

/**
 * The key that signs session cookies: NEXTAUTH_SECRET, or else one generated on first use and
 * kept in data/, so the quick start needs no configuration. Several app processes behind a load
 * balancer must share it: set NEXTAUTH_SECRET for them.
 */
export function authSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  try {
    return readFileSync(SECRET_FILE, "utf8").trim();
  } catch {
    // Owner-only from the start, as the database beside it (lib/db/sqlite-file.ts).
    mkdirSync(path.dirname(SECRET_FILE), { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(SECRET_FILE, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return readFileSync(SECRET_FILE, "utf8").trim();
    }
  }
}

/**
 * On PostgreSQL several processes, perhaps on several hosts, share one database: a key generated
 * into one process's data/ would sign sessions the others refuse, and seal secrets they cannot
 * open. The server refuses to start without both keys there, instead of failing at sign-in.
 */
export function checkSharedSecrets(): void {
  if (databaseKind() !== "postgresql") return;
  const missing = ["NEXTAUTH_SECRET", "SECRETS_KEY"].filter((name) => !process.env[name]?.trim());
  if (missing.length > 0) throw new Error(`On PostgreSQL every app process needs the same ${missing.join(" and ")} (openssl rand -hex 32): set them.`);
}
