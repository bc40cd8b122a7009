import { dbKind, Prisma } from "./client";

// The two JSON aggregates the image reader needs, in each database's words. Both take an
// ORDER BY inside the aggregate (SQLite since 3.44, PostgreSQL always).

/** A JSON array of `value` over the rows of a subquery; `[]` when there are none. */
export const jsonArray = (value: Prisma.Sql, orderBy: Prisma.Sql) =>
  dbKind === "postgresql"
    ? Prisma.sql`coalesce(json_agg(${value} ORDER BY ${orderBy}), '[]')`
    : Prisma.sql`json_group_array(${value} ORDER BY ${orderBy})`;

/** A JSON object of these keys and column expressions (the keys are ours, never user input). */
export function jsonObject(fields: Record<string, string>): Prisma.Sql {
  const pairs = Object.entries(fields).map(([key, column]) => `'${key}', ${column}`).join(", ");
  return Prisma.raw(dbKind === "postgresql" ? `json_build_object(${pairs})` : `json_object(${pairs})`);
}

/** A JSON value as the database driver hands it over: text from SQLite, parsed from PostgreSQL. */
export const parseJson = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * A stored moment as a Date. Dates are stored in UTC; PostgreSQL's `timestamp` inside JSON comes
 * without a zone, so one is added rather than letting the process's time zone guess.
 */
export const utcDate = (value: Date | string) =>
  value instanceof Date ? value : new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
