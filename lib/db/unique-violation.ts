/** Prisma's "unique constraint failed" (P2002): a row with the same key exists, perhaps written a moment ago by another request. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";
