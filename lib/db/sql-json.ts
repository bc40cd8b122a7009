import { dbKind, Prisma } from "./client";

// The JSON the image reader builds in the database, in each database's words. Aggregates take
// an ORDER BY inside them (SQLite since 3.44, PostgreSQL always).

/** A JSON array of `value` over the rows of a subquery; `[]` when there are none. */
export const jsonArray = (value: Prisma.Sql, orderBy: Prisma.Sql) =>
  dbKind === "postgresql"
    ? Prisma.sql`coalesce(json_agg(${value} ORDER BY ${orderBy}), '[]')`
    : Prisma.sql`json_group_array(${value} ORDER BY ${orderBy})`;

/**
 * A JSON object of these keys and SQL values (the keys are ours, never user input). A value
 * that is itself JSON (a subquery of jsonArray) must be wrapped in `nestedJson`.
 */
export function jsonObject(fields: Record<string, Prisma.Sql | string>): Prisma.Sql {
  const pairs = Object.entries(fields).map(([key, value]) => Prisma.sql`${Prisma.raw(`'${key}'`)}, ${typeof value === "string" ? Prisma.raw(value) : value}`);
  return Prisma.sql`${Prisma.raw(dbKind === "postgresql" ? "json_build_object" : "json_object")}(${Prisma.join(pairs, ", ")})`;
}

/** JSON from a subquery, kept as JSON inside an object (SQLite would otherwise embed it as text). */
export const nestedJson = (subquery: Prisma.Sql) => (dbKind === "postgresql" ? Prisma.sql`(${subquery})` : Prisma.sql`json((${subquery}))`);

/** A JSON value as the database driver hands it over: text from SQLite, parsed from PostgreSQL. */
export const parseJson = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * A stored moment, as JSON carries it, as a Date. Dates are stored in UTC; PostgreSQL's
 * `timestamp` inside JSON comes without a zone, so one is added rather than letting the
 * process's time zone guess.
 */
export const utcDate = (value: string) => new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
