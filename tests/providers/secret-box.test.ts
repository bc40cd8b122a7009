// Provider secrets at rest (SPEC §9): AES-256-GCM, a key from SECRETS_KEY or a generated 0600 file.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyFilePath, openSecret, sealSecret } from "@/lib/secrets/secret-box";

const saved = { key: process.env.SECRETS_KEY, url: process.env.DATABASE_URL };
afterEach(() => {
  process.env.SECRETS_KEY = saved.key;
  process.env.DATABASE_URL = saved.url;
});

const KEY = "0123456789abcdef".repeat(4);

describe("sealed secrets", () => {
  it("open with the key they were sealed with, and never contain the secret", () => {
    process.env.SECRETS_KEY = KEY;
    const sealed = sealSecret("s3cret-value");
    expect(sealed).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(sealed).not.toContain("s3cret");
    expect(openSecret(sealed)).toBe("s3cret-value");
    // A fresh IV every time.
    expect(sealSecret("s3cret-value")).not.toBe(sealed);
  });

  it("do not open with another key, or when tampered with", () => {
    process.env.SECRETS_KEY = KEY;
    const sealed = sealSecret("s3cret-value");
    const [version, iv, tag, data] = sealed.split(":");
    const flipped = Buffer.from(data, "base64");
    flipped[0] ^= 1;
    expect(() => openSecret([version, iv, tag, flipped.toString("base64")].join(":"))).toThrow(/does not open/);
    process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(() => openSecret(sealed)).toThrow(/does not open with this SECRETS_KEY/);
  });

  it("refuse a key that is not 32 bytes", () => {
    process.env.SECRETS_KEY = "short";
    expect(() => sealSecret("x")).toThrow(/SECRETS_KEY must be 32 bytes/);
  });

  it("on SQLite without SECRETS_KEY, use a key generated once into a 0600 file beside the database", () => {
    delete process.env.SECRETS_KEY;
    const folder = mkdtempSync(path.join(tmpdir(), "atmosphere-secrets-"));
    process.env.DATABASE_URL = `file:${folder}/atmosphere.db`;
    const sealed = sealSecret("from the file");
    expect(keyFilePath()).toBe(path.join(folder, "secrets.key"));
    expect(statSync(keyFilePath()).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFilePath(), "utf8");
    expect(openSecret(sealed)).toBe("from the file");
    sealSecret("again");
    expect(readFileSync(keyFilePath(), "utf8")).toBe(key);
  });

  it("on PostgreSQL, need SECRETS_KEY", () => {
    delete process.env.SECRETS_KEY;
    process.env.DATABASE_URL = "postgresql://127.0.0.1/none";
    expect(() => sealSecret("x")).toThrow(/Set SECRETS_KEY/);
  });
});
