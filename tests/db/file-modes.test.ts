import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { scratchFolder, testKind } from "../setup/test-database";

const mode = (file: string) => statSync(file).mode & 0o777;

// The database holds password hashes and token hashes: readable by its owner only, like data/auth-secret.
describe.skipIf(testKind() !== "sqlite")("a new SQLite database", () => {
  it("is created 0600 in a new folder created 0700, and its -wal and -shm files get 0600 too", async () => {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch, "data", "nested", "atmosphere.db");
      await prepareDatabase(`file:${file}`);
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(path.join(scratch, "data"))).toBe(0o700);

      // The app's client, holding the file open after a write, as a running server does.
      const db = createDb(`file:${file}`);
      try {
        await db.tag.create({ data: { name: "Modes", key: "modes" } });
        for (const suffix of ["-wal", "-shm"]) {
          expect(existsSync(file + suffix), suffix).toBe(true);
          expect(mode(file + suffix), suffix).toBe(0o600);
        }
      } finally {
        await db.$disconnect();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("leaves the mode of a folder that already exists as it is", async () => {
    const scratch = scratchFolder();
    try {
      const folder = path.join(scratch, "shared");
      mkdirSync(folder, { mode: 0o755 });
      await prepareDatabase(`file:${path.join(folder, "atmosphere.db")}`);
      expect(mode(folder)).toBe(0o755);
      expect(mode(path.join(folder, "atmosphere.db"))).toBe(0o600);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
