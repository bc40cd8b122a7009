import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { databaseUrl } from "@/lib/database-url";
import { db } from "@/lib/db/client";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { seedDemoData, DEMO_USERS } from "@/lib/seed/demo-data";
import { copyOfTemplate, onPostgres, postgresUrl, scratchFolder, testKind } from "../setup/test-database";

const schemaFile = () => (testKind() === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma");
const prisma = (...args: string[]) => execFileSync("npx", ["prisma", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * Tables, columns and indexes, in a form that does not depend on how they were created. The
 * search indexes and catalog-version triggers that Prisma's schema cannot express (hand-written
 * at the end of the search_index migration) are left out here and tested in tests/api/search.test.ts;
 * so are the kept counts' triggers and PostgreSQL's public_count_changes, the table they write
 * through (the public_counts migration), tested in tests/db/public-counts.test.ts.
 */
async function catalog(url: string): Promise<unknown> {
  if (testKind() === "sqlite") {
    const sqlite = new Database(url.slice("file:".length), { readonly: true });
    try {
      const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'image\\_search\\_fts%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[];
      return tables.map(({ name }) => ({
        name,
        columns: sqlite.pragma(`table_info("${name}")`),
        indexes: (sqlite.pragma(`index_list("${name}")`) as { name: string; unique: number }[])
          .map((index) => ({ unique: index.unique, columns: sqlite.pragma(`index_info("${index.name}")`) }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        foreignKeys: sqlite.pragma(`foreign_key_list("${name}")`),
      }));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT IN ('_prisma_migrations', 'public_count_changes') ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexname <> 'image_search_text_trgm_idx' ORDER BY indexname`);
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 't' ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows.filter((row) => !row.conname.startsWith("_prisma")) };
  } finally {
    await client.end();
  }
}

async function databaseFromScript(sql: string): Promise<string> {
  if (testKind() === "sqlite") {
    const file = path.join(scratchFolder(), "from-schema.db");
    const sqlite = new Database(file);
    sqlite.exec(sql);
    sqlite.close();
    return `file:${file}`;
  }
  const name = `atmosphere_test_${process.pid}_from_schema_${Date.now()}`;
  await onPostgres((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = postgresUrl(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
  return url;
}

describe("migrations", () => {
  it("build exactly the schema in prisma/schema.prisma", async () => {
    const script = prisma("migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaFile(), "--script");
    const fromSchema = await databaseFromScript(script);
    expect(await catalog(databaseUrl())).toEqual(await catalog(fromSchema));
    if (testKind() === "postgresql") await onPostgres((client) => client.query(`DROP DATABASE "${new URL(fromSchema).pathname.slice(1)}"`));
  }, 60_000);

  it("apply once: a second run applies nothing", async () => {
    expect(await migrate(databaseUrl())).toEqual([]);
  });

  it("record Prisma's checksums, so Prisma's own status agrees", async () => {
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      `SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows).toEqual(readMigrations(testKind()).map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    if (testKind() === "sqlite") {
      const status = execFileSync("npx", ["prisma", "migrate", "status"], { encoding: "utf8", env: { ...process.env } });
      expect(status).toContain("Database schema is up to date!");
    }
  }, 60_000);

  it("refuse to run when an applied migration was edited", async () => {
    const url = await copyOfTemplate(inject("templateUrl"), "edited");
    const sql = `UPDATE _prisma_migrations SET checksum = 'changed'`;
    if (testKind() === "sqlite") new Database(url.slice("file:".length)).exec(sql);
    else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(sql);
      await client.end();
    }
    await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
  });
});

describe("demo data", () => {
  it("fills an empty database once, with every kind of image", async () => {
    expect(await seedDemoData(db)).toBe(true);
    expect(await seedDemoData(db)).toBe(false);
    const now = new Date();
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    expect(await db.user.count({ where: { isStaff: true } })).toBe(1);
    expect(await db.image.count()).toBeGreaterThanOrEqual(30);
    expect(await db.image.count({ where: { private: false, endDate: null } })).toBeGreaterThan(10);
    expect(await db.image.count({ where: { private: true, sharedWith: { none: {} } } })).toBeGreaterThan(0);
    expect(await db.image.count({ where: { private: true, sharedWith: { some: {} } } })).toBeGreaterThan(0);
    expect(await db.image.count({ where: { endDate: { lt: now } } })).toBeGreaterThan(0);
    expect(await db.image.count({ where: { endDate: { gt: now } } })).toBeGreaterThan(0);
    expect(await db.instance.count()).toBeGreaterThan(0);
    expect(await db.tag.count({ where: { key: "featured" } })).toBe(1);
    // SPEC §7: versions with change logs and lineage; most instances launched from catalog images,
    // some of alice's from her own (new versions), some of bob's from other people's (forks), one
    // from a version that may not be imaged; a pending request for a new version.
    expect(await db.version.count({ where: { parentId: { not: null }, changeLog: { not: "" } } })).toBeGreaterThan(5);
    expect(await db.instance.count({ where: { sourceVersionId: { not: null } } })).toBeGreaterThan((await db.instance.count()) / 2);
    const alice = await db.user.findUniqueOrThrow({ where: { username: "alice" } });
    const bob = await db.user.findUniqueOrThrow({ where: { username: "bob" } });
    expect(await db.instance.count({ where: { identity: { userId: alice.id }, sourceVersion: { image: { createdById: alice.id } } } })).toBeGreaterThan(0);
    expect(await db.instance.count({ where: { identity: { userId: bob.id }, sourceVersion: { image: { createdById: { not: bob.id } } } } })).toBeGreaterThan(0);
    expect(await db.instance.count({ where: { sourceVersion: { allowImaging: false } } })).toBeGreaterThan(0);
    expect(await db.imageRequest.count({ where: { fork: false, status: "pending", sourceVersionId: { not: null } } })).toBe(1);
    expect(await db.bookmark.count({ where: { user: { username: "alice" } } })).toBeGreaterThan(0);
  });
});
