// On PostgreSQL the server refuses to start without the keys every process must share (SPEC §11):
// a key generated into one process's data/ would sign sessions the others refuse.
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkSharedSecrets } from "@/lib/auth/secret";

afterEach(() => vi.unstubAllEnvs());

describe("checkSharedSecrets", () => {
  it("asks PostgreSQL deployments for NEXTAUTH_SECRET and SECRETS_KEY, naming what is missing", () => {
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/atmosphere");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("SECRETS_KEY", " ");
    expect(() => checkSharedSecrets()).toThrow("needs the same NEXTAUTH_SECRET and SECRETS_KEY");
    vi.stubEnv("NEXTAUTH_SECRET", "a".repeat(64));
    expect(() => checkSharedSecrets()).toThrow(/same SECRETS_KEY \(/);
    vi.stubEnv("SECRETS_KEY", "b".repeat(64));
    expect(() => checkSharedSecrets()).not.toThrow();
  });

  it("leaves SQLite to the keys it keeps in data/", () => {
    vi.stubEnv("DATABASE_URL", "file:data/atmosphere.db");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("SECRETS_KEY", "");
    expect(() => checkSharedSecrets()).not.toThrow();
  });
});
