// Applies the committed migrations, keeping Prisma's own `_prisma_migrations` table (same
// columns, same SHA-256 checksums), so `prisma migrate status` agrees where it runs. Ours
// because Prisma's `migrate deploy` cannot run offline through the PostgreSQL adapter.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, databaseUrl, sqlitePath, type DatabaseKind } from "../database-url";
import { createSqliteFile } from "./sqlite-file";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFolder(kind: DatabaseKind): string {
  return kind === "postgresql" ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations");
}

export function readMigrations(kind: DatabaseKind, root = process.cwd()): Migration[] {
  const folder = path.join(root, migrationsFolder(kind));
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(folder, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`migration ${migration.name} was changed after it was applied`);
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const file = sqlitePath(url);
  createSqliteFile(file);
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    return sqlite
      .transaction(() => {
        sqlite.exec(SQLITE_TABLE);
        const rows = sqlite
          .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
          .all() as { migration_name: string; checksum: string }[];
        const pending = checkApplied(new Map(rows.map((row) => [row.migration_name, row.checksum])), migrations);
        const record = sqlite.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        );
        for (const migration of pending) {
          const started = Date.now();
          sqlite.exec(migration.sql);
          record.run(randomUUID(), migration.checksum, Date.now(), migration.name, started);
        }
        return pending.map((migration) => migration.name);
      })
      .immediate();
  } finally {
    sqlite.close();
  }
}

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

// Prisma's own advisory lock key, so our runner and Prisma's never migrate at the same time.
const MIGRATION_LOCK = 72707369;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const pending = checkApplied(new Map(rows.map((row) => [row.migration_name, row.checksum])), migrations);
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        const started = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, started],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    await client.end();
  }
}

/** Applies what is pending (of `migrations`: all of them unless a test stops earlier) and returns the names applied. */
export async function migrate(url = databaseUrl(), migrations = readMigrations(databaseKind(url))): Promise<string[]> {
  const kind = databaseKind(url);
  return kind === "postgresql" ? migratePostgres(url, migrations) : migrateSqlite(url, migrations);
}
