import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseKind, sqlitePath } from "../database-url";

// Secrets at rest (SPEC §9): a provider's application-credential secret or password, sealed with
// AES-256-GCM. The key is SECRETS_KEY (32 bytes as 64 hex digits or base64), or on the SQLite
// default a key generated once into data/secrets.key (0600) beside the database, so the demo needs
// no setting. PostgreSQL deployments must set SECRETS_KEY: several app hosts share one database and
// a key file on one of them would leave the others unable to read what it sealed.

const VERSION = "v1";
/** Binds sealed values to their use: a sealed secret copied into another column does not open. */
const ASSOCIATED_DATA = Buffer.from("atmosphere-images provider secret");

export class SecretsKeyError extends Error {
  override name = "SecretsKeyError";
}

function parseKey(text: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new SecretsKeyError("SECRETS_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -hex 32).");
  return key;
}

/** data/secrets.key beside the SQLite database, made on first use. */
export const keyFilePath = () => path.join(path.dirname(sqlitePath()), "secrets.key");

function keyFromFile(): Buffer {
  const file = keyFilePath();
  try {
    return parseKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    // "wx": two processes starting at once never write two keys; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseKey(readFileSync(file, "utf8"));
}

function secretsKey(): Buffer {
  const configured = process.env.SECRETS_KEY;
  if (configured?.trim()) return parseKey(configured);
  if (databaseKind() === "sqlite") return keyFromFile();
  throw new SecretsKeyError("Set SECRETS_KEY (openssl rand -hex 32) to store provider credentials in PostgreSQL.");
}

/** "v1:<iv>:<tag>:<ciphertext>", base64 parts; a fresh 96-bit IV every time. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv).setAAD(ASSOCIATED_DATA);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(":");
}

/** The plain secret; a changed key or a tampered value fails (GCM checks both). */
export function openSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretsKeyError("The stored secret is not in a format this version reads.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretsKey(), Buffer.from(iv, "base64")).setAAD(ASSOCIATED_DATA);
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretsKeyError("The stored secret does not open with this SECRETS_KEY (was the key changed?). Enter the credential again.");
  }
}
