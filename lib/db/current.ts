import { Prisma } from "./client";

// Soft deletes everywhere (SPEC §1): a row is current until its end_date, when it has one. The
// rule in the two forms queries take: Prisma's `where` and SQL on a named table.

export const currentWhere = (now: Date) => ({ OR: [{ endDate: null }, { endDate: { gt: now } }] });

// Stored dates stop at year 9999 (validations/common.ts), so this stands for "no end".
const NO_END = new Date("9999-12-31T23:59:59.999Z");

/**
 * Written as one comparison, not "end_date IS NULL OR end_date > now": given the OR, SQLite
 * reads the two ranges of the end_date index and sorts the whole catalog for its first page,
 * instead of walking the ordering's index and stopping after a page.
 */
export const currentSql = (table: string, now: Date) => Prisma.sql`coalesce(${Prisma.raw(`${table}.end_date`)}, ${NO_END}) > ${now}`;

/** No longer current: NULL (no end) compares as unknown, so the end_date index serves it. */
export const endedSql = (table: string, now: Date) => Prisma.sql`${Prisma.raw(`${table}.end_date`)} <= ${now}`;

