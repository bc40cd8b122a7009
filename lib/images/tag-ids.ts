import { Prisma, type Tx } from "../db/client";
import { rowsOf, type RowReader } from "../db/committed-rows";
import { tagKey } from "./tags";

/** The ids of these tags, creating the ones that do not exist yet (matched case-insensitively). */
export async function ensureTags(tx: Tx, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const existing = await tagIdsByKey(rowsOf(tx), names);
  const missing = names.filter((candidate) => !existing.has(tagKey(candidate)));
  for (const name of missing) {
    // ON CONFLICT, so that two writers adding the same new tag at once both end up with it
    // (the same statement on SQLite and PostgreSQL).
    await tx.$executeRaw`INSERT INTO tags (name, key, description) VALUES (${name}, ${tagKey(name)}, '') ON CONFLICT (key) DO NOTHING`;
  }
  const ids = missing.length === 0 ? existing : await tagIdsByKey(rowsOf(tx), names);
  return names.map((name) => ids.get(tagKey(name))!);
}

/** The ids of the tags of these names that exist, by key. */
export async function tagIdsByKey(read: RowReader, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const tags = await read<{ id: number | bigint; key: string }>(Prisma.sql`SELECT t.id, t.key FROM tags t WHERE t.key IN (${Prisma.join(names.map(tagKey))})`);
  return new Map(tags.map((tag) => [tag.key, Number(tag.id)]));
}
