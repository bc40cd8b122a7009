import { Prisma } from "./client";

// Soft deletes everywhere (SPEC §1): a row is current until its end_date, when it has one. The
// rule in the two forms queries take: Prisma's `where` and SQL on a named table.

export const currentWhere = (now: Date) => ({ OR: [{ endDate: null }, { endDate: { gt: now } }] });

export const currentSql = (table: string, now: Date) => {
  const endDate = Prisma.raw(`${table}.end_date`);
  return Prisma.sql`(${endDate} IS NULL OR ${endDate} > ${now})`;
};
