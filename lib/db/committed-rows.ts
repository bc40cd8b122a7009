import Database from "better-sqlite3";
import { sqlitePath } from "../database-url";
import { onShutdown } from "../ops/shutdown";
import { processWide } from "../process-wide";
import { committedReader, dbKind, type Db, type Prisma, type Tx } from "./client";

/** Runs a statement written in SQL and answers its rows, as the driver returns them. */
export type RowReader = <T>(statement: Prisma.Sql) => Promise<T[]>;

/** A client's (or a transaction's) rows, for code that reads through either. */
export const rowsOf =
  (client: Db | Tx): RowReader =>
  <T>(statement: Prisma.Sql) =>
    client.$queryRaw<T[]>(statement);

// Statement texts differ by which parameters a query sets, not by their values: a few hundred at
// most. Past this many, the one used least recently is dropped.
const PREPARED_LIMIT = 500;

/**
 * The rows of a statement over committed data only: the catalog's reads that are remembered
 * and counted (catalog-cache.ts), and its pages.
 *
 * On SQLite they run on a better-sqlite3 connection of their own (a second connection sees what
 * is committed, never a transaction of this process still open), with each statement's text
 * prepared once. Through Prisma, a statement costs more than SQLite takes to run it: its adapter
 * prepares the text again on every call (0.3 ms for a page's) and its query interpreter adds
 * 0.1 ms or more, about half of a two-tag page's 4 ms at 100,000 images. Values are bound as the
 * adapter binds them, so that the same statement finds the same rows: dates as ISO text with
 * "+00:00", booleans as 1 and 0. What comes back is the driver's: integers as numbers, dates as
 * the text stored.
 *
 * On PostgreSQL they go through Prisma's pool, whose every query has its own connection: there a
 * round trip to the server outweighs what the client adds.
 */
export const committedRows: RowReader = dbKind === "postgresql" ? rowsOf(committedReader) : async (statement) => sqliteRows(statement);

function sqliteRows<T>(statement: Prisma.Sql): T[] {
  const reader = sqliteReader();
  // Closed when the process stopped its background work (scripts/serve.ts): a read after that,
  // from a script that goes on, opens the connection again, as Prisma's clients reconnect.
  if (!reader.connection.open) Object.assign(reader, openSqliteReader());
  let prepared = reader.prepared.get(statement.sql);
  if (prepared) reader.prepared.delete(statement.sql);
  else {
    prepared = reader.connection.prepare(statement.sql);
    if (reader.prepared.size >= PREPARED_LIMIT) reader.prepared.delete(reader.prepared.keys().next().value!);
  }
  // A Map keeps its keys in the order set: the first is the one used least recently.
  reader.prepared.set(statement.sql, prepared);
  return prepared.all(...statement.values.map(boundValue)) as T[];
}

function openSqliteReader() {
  // SQLite's busy timeout, as for the process's client: another process may be writing the file.
  const connection = new Database(sqlitePath(), { fileMustExist: true, timeout: 10_000 });
  onShutdown("database", async () => void connection.close());
  return { connection, prepared: new Map<string, Database.Statement>() };
}

const sqliteReader = () => processWide("committed-rows", openSqliteReader);

function boundValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}
