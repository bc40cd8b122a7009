import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

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
    mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(SECRET_FILE, secret, { flag: "wx" });
      chmodSync(SECRET_FILE, 0o600);
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return readFileSync(SECRET_FILE, "utf8").trim();
    }
  }
}
