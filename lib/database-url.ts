import path from "node:path";

// Where the data lives: DATABASE_URL when set (file:… for SQLite, postgresql://… for
// PostgreSQL), otherwise the embedded SQLite file under data/.
export const DEFAULT_SQLITE_PATH = path.join("data", "atmosphere.db");

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || `file:${DEFAULT_SQLITE_PATH}`;
}

export function databaseKind(url = databaseUrl()): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`);
}

/** The SQLite file's path, resolved against the working directory. */
export function sqlitePath(url = databaseUrl()): string {
  return path.resolve(url.slice("file:".length).replace(/^\/\//, "").split("?")[0]);
}

export function sqliteFileUrl(url = databaseUrl()): string {
  return `file:${sqlitePath(databaseKind(url) === "sqlite" ? url : `file:${DEFAULT_SQLITE_PATH}`)}`;
}
