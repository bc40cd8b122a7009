// The image_life migration turns the machines that existed before it into versions: one per
// image and version name, made by the image's creator, each made from the one before, retired
// when all its machines are; and SQLite's rebuilt machines table keeps its catalog triggers.
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { emptyDatabase, testKind } from "../setup/test-database";

async function run(url: string, statements: string[]): Promise<Record<string, unknown>[]> {
  if (testKind() === "sqlite") {
    const sqlite = new Database(url.slice("file:".length));
    try {
      let rows: Record<string, unknown>[] = [];
      for (const sql of statements) rows = /^\s*select/i.test(sql) ? (sqlite.prepare(sql).all() as Record<string, unknown>[]) : (sqlite.exec(sql), []);
      return rows;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const sql of statements) rows = (await client.query(sql)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

const at = (day: number) => `'2026-01-${String(day).padStart(2, "0")}T00:00:00.000${testKind() === "sqlite" ? "+00:00" : "Z"}'`;

describe("the image_life migration", () => {
  it("makes a version of every version name the machines carry, in lineage, and keeps the catalog's triggers", async () => {
    const url = await emptyDatabase(inject("templateUrl"), "backfill");
    const migrations = readMigrations(testKind());
    const before = migrations.filter((migration) => migration.name < "20261127171429_image_life");
    await migrate(url, before);
    const bool = (value: boolean) => (testKind() === "sqlite" ? Number(value) : value);
    await run(url, [
      `INSERT INTO users (id, username, email, display_name, password_hash, is_staff) VALUES (7, 'ann', 'a@example.org', 'Ann', 'x', ${bool(false)})`,
      `INSERT INTO providers (id, name, location, active) VALUES (1, 'One', 'here', ${bool(true)}), (2, 'Two', 'there', ${bool(true)})`,
      `INSERT INTO images (id, name, description, created_by_id, start_date, private, revision) VALUES ('img-a', 'A', '', 7, ${at(1)}, ${bool(false)}, 1)`,
      `INSERT INTO image_versions (alias, image_id, version, provider_id, start_date, end_date) VALUES
         ('m1', 'img-a', '1', 1, ${at(1)}, ${at(5)}), ('m2', 'img-a', '1', 2, ${at(2)}, ${at(6)}),
         ('m3', 'img-a', '2', 1, ${at(5)}, NULL), ('m4', 'img-a', '2', 2, ${at(6)}, ${at(9)})`,
      // Two versions that started at the same moment: the names break the tie.
      `INSERT INTO images (id, name, description, created_by_id, start_date, private, revision) VALUES ('img-b', 'B', '', 7, ${at(1)}, ${bool(false)}, 1)`,
      `INSERT INTO image_versions (alias, image_id, version, provider_id, start_date, end_date) VALUES ('m5', 'img-b', '1', 1, ${at(3)}, NULL), ('m6', 'img-b', '2', 1, ${at(3)}, NULL)`,
    ]);
    await migrate(url, migrations);
    const tied = await run(url, [`SELECT id, name, parent_id FROM versions WHERE image_id = 'img-b' ORDER BY name`]);
    expect(tied.map((version) => version.parent_id)).toEqual([null, tied[0].id]);
    const versions = await run(url, [`SELECT id, name, parent_id, created_by_id, start_date, end_date FROM versions WHERE image_id = 'img-a' ORDER BY name`]);
    expect(versions.map((version) => [version.name, version.created_by_id])).toEqual([["1", 7], ["2", 7]]);
    const [first, second] = versions;
    expect(first.parent_id).toBeNull();
    expect(second.parent_id).toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Retired when every machine is (at the last one's end); current while one is.
    expect(new Date(first.end_date as string).toISOString()).toBe("2026-01-06T00:00:00.000Z");
    expect(second.end_date).toBeNull();
    expect(new Date(first.start_date as string).toISOString()).toBe("2026-01-01T00:00:00.000Z");

    const catalogVersion = async () => Number((await run(url, [`SELECT version FROM catalog_version WHERE id = 1`]))[0].version);
    const bumped = await catalogVersion();
    await run(url, [`UPDATE image_versions SET end_date = NULL WHERE alias = 'm4'`]);
    expect(await catalogVersion()).toBeGreaterThan(bumped);
  });
});
