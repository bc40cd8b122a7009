import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { databaseKind, databaseUrl, sqliteFileUrl } from "../database-url";
import { onShutdown } from "../ops/shutdown";
import { processWide } from "../process-wide";
import { serializedSqlite } from "./serialized-sqlite";

export { Prisma } from "../generated/sqlite/client";

/**
 * The two generated clients come from one model (prisma/postgresql/schema.prisma is generated
 * from prisma/schema.prisma), so they expose the same API; the code is typed against the SQLite
 * one and uses only what both databases support.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface DbOptions {
  /** PostgreSQL: connections in the pool (default DATABASE_POOL_SIZE, else 10). */
  poolSize?: number;
  /**
   * SQLite: how long a statement waits for another connection's write lock (default 10 s). The
   * driver waits synchronously, holding the event loop: a second connection in a process whose
   * own transactions may hold the lock across awaits (the outbox worker's) must not wait at all.
   */
  busyTimeoutMs?: number;
}

// The process's PostgreSQL pools, for the metrics (lib/ops/database-metrics.ts).
const pools = processWide("pg-pools", () => new Set<pg.Pool>());
export const openPools = (): pg.Pool[] => [...pools];

export function createDb(url = databaseUrl(), options: DbOptions = {}): Db {
  if (databaseKind(url) === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? (Number(process.env.DATABASE_POOL_SIZE) || 10) });
    pools.add(pool);
    // The adapter ends the pool it was given when the client disconnects, as it would its own.
    const client = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db;
    const disconnect = client.$disconnect.bind(client);
    return Object.assign(client, {
      $disconnect: async () => {
        pools.delete(pool);
        await disconnect();
      },
    });
  }
  // timeout is SQLite's busy timeout: several app processes may share one file.
  // Statements outside a transaction wait for the one open on the connection (serialized-sqlite.ts).
  return new SqliteClient({ adapter: serializedSqlite(new PrismaBetterSQLite3({ url: sqliteFileUrl(url), timeout: options.busyTimeoutMs ?? 10_000 })) });
}

/** Which database the process's client talks to: the few queries written in SQL differ by it. */
export const dbKind = databaseKind();

/**
 * The process's one client, whatever number of times Next.js loads this module (the
 * instrumentation hook, the routes, hot reloads): on SQLite a second client would be a second
 * connection, with the locking and visibility that implies.
 */
export const db: Db = processWide("db", () => withShutdown(createDb()));

/**
 * For reads through Prisma that must see committed data only (the cloud sync's, for one; the
 * catalog's SQL reads go through committed-rows.ts). On SQLite the
 * process has one connection, and a query outside a transaction runs inside whichever of the
 * process's transactions is open, seeing its uncommitted rows; a second connection sees what is
 * committed. PostgreSQL's pool gives every query its own connection already.
 */
export const committedReader: Db = dbKind === "postgresql" ? db : processWide("committed-reader", () => withShutdown(createDb()));

function withShutdown(client: Db): Db {
  onShutdown("database", () => client.$disconnect());
  return client;
}
