// Each test file gets a database of its own, copied from one migrated template: SQLite files
// by default, or PostgreSQL databases when TEST_DATABASE=postgresql.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export const testKind = () => (process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite");
const postgresServer = () => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresUrl(database: string): string {
  const url = new URL(postgresServer());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onPostgres<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export const scratchFolder = () => mkdtempSync(path.join(tmpdir(), "atmosphere-test-"));

/** A fresh copy of the template, as a DATABASE_URL. */
export async function copyOfTemplate(template: string, name: string): Promise<string> {
  if (testKind() === "sqlite") {
    const file = path.join(path.dirname(template.slice("file:".length)), `${name}.db`);
    copyFileSync(template.slice("file:".length), file);
    return `file:${file}`;
  }
  const database = `${new URL(template).pathname.slice(1).replace(/_template$/, "")}_${name}`;
  await onPostgres((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${new URL(template).pathname.slice(1)}"`));
  return postgresUrl(database);
}

/** A database with nothing in it, next to the template (and dropped with it). */
export async function emptyDatabase(template: string, name: string): Promise<string> {
  if (testKind() === "sqlite") return `file:${path.join(path.dirname(template.slice("file:".length)), `${name}.db`)}`;
  const database = `${new URL(template).pathname.slice(1).replace(/_template$/, "")}_${name}`;
  await onPostgres((client) => client.query(`CREATE DATABASE "${database}"`));
  return postgresUrl(database);
}

export function removeSqliteFolder(template: string) {
  rmSync(path.dirname(template.slice("file:".length)), { recursive: true, force: true });
}
