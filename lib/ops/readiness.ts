import "server-only";
import { databaseKind } from "../database-url";
import { db, type Db } from "../db/client";
import { readMigrations } from "../db/migrate";
import { logger } from "./logger";

const CHECK_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this process can serve (SPEC §11): the database answers, and every migration of this
 * build has been applied to it. A load balancer sends no traffic to a process that is not.
 */
export async function readiness(client: Db = db, kind = databaseKind()): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await withTimeout(
      client.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
  } catch (error) {
    // The cause (a host, a user name) is for the log, not for whoever asks.
    logger.warn({ event: "not_ready", cause: firstLine(error) }, "the database cannot be reached");
    return { ready: false, reason: "The database cannot be reached." };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const missing = migrationNames(kind).filter((name) => !done.has(name));
  if (missing.length > 0) return { ready: false, reason: `Migrations not applied yet: ${missing.join(", ")}. Run npm run db:prepare.` };
  return { ready: true };
}

// The migrations of this build, read once: load balancers ask every few seconds.
const namesByKind = new Map<string, string[]>();
function migrationNames(kind: ReturnType<typeof databaseKind>): string[] {
  if (!namesByKind.has(kind)) namesByKind.set(kind, readMigrations(kind).map((migration) => migration.name));
  return namesByKind.get(kind)!;
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// Driver errors can run over many lines (and name the connection string's host, never its password).
const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split("\n").find((line) => line.trim() !== "")?.trim() ?? "unknown error";
