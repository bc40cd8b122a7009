import { dbKind, Prisma } from "../db/client";
import type { MatchPlan } from "./image-filter";

/**
 * The words of a search: runs of letters and digits, lower-cased. Punctuation separates words,
 * so no quote, wildcard or operator of either database's search syntax reaches it.
 */
export const searchWords = (search = "") => search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

// The trigram index finds words of three characters or more; shorter ones are compared directly.
const indexable = (word: string) => [...word].length >= 3;

/**
 * The images whose search text (image_search: name, description, tags and creator, lower-cased)
 * contains every word, as a condition on `images i`. SQLite asks its FTS5 trigram index for the
 * words as phrases (a phrase of trigrams is exactly a substring); PostgreSQL's pg_trgm index
 * answers LIKE '%word%' itself. Both give what a substring comparison gives.
 */
export function searchSql(words: string[], plan: MatchPlan): Prisma.Sql {
  if (dbKind === "postgresql") {
    // Whatever the plan, ARRAY(…) makes PostgreSQL find the matches first, through the index, and
    // then look the images up by key; left to itself it may walk the catalog in order and test
    // each image's text with LIKE, which is much slower than its index.
    const matches = Prisma.join(words.map((word) => Prisma.sql`s.text LIKE ${`%${word}%`}`), " AND ");
    return Prisma.sql`i.id = ANY (ARRAY(SELECT s.image_id FROM image_search s WHERE ${matches}))`;
  }
  const conditions = [
    ...(words.some(indexable)
      ? [Prisma.sql`s.row_id IN (SELECT rowid FROM image_search_fts WHERE image_search_fts MATCH ${words.filter(indexable).map((word) => `"${word}"`).join(" ")})`]
      : []),
    ...words.filter((word) => !indexable(word)).map((word) => Prisma.sql`instr(s.text, ${word}) > 0`),
  ];
  const matches = Prisma.join(conditions, " AND ");
  return plan === "inOrder"
    ? Prisma.sql`EXISTS (SELECT 1 FROM image_search s WHERE s.image_id = i.id AND ${matches})`
    : Prisma.sql`i.id IN (SELECT s.image_id FROM image_search s WHERE ${matches})`;
}
