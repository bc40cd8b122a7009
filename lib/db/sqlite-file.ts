import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

/**
 * Creates the SQLite database file, empty and readable by its owner only (0600), in a folder of
 * the owner's (0700) when the folder is new, before SQLite opens it: SQLite would create it
 * world-readable (0644), and it gives the -wal and -shm files the main file's mode. Files and
 * folders that already exist keep the mode they have.
 */
export function createSqliteFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
