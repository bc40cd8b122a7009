import type { Db, Tx } from "../db/client";

export const tagKey = (name: string) => name.toLowerCase();

/** The ids of these tags, creating the ones that do not exist yet (matched case-insensitively). */
export async function ensureTags(tx: Tx, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const existing = await tagIdsByKey(tx, names);
  const missing = names.filter((candidate) => !existing.has(tagKey(candidate)));
  for (const name of missing) {
    // ON CONFLICT, so that two writers adding the same new tag at once both end up with it
    // (the same statement on SQLite and PostgreSQL).
    await tx.$executeRaw`INSERT INTO tags (name, key, description) VALUES (${name}, ${tagKey(name)}, '') ON CONFLICT (key) DO NOTHING`;
  }
  const ids = missing.length === 0 ? existing : await tagIdsByKey(tx, names);
  return names.map((name) => ids.get(tagKey(name))!);
}

/** The ids of the tags of these names that exist, by key. */
export async function tagIdsByKey(reader: Db | Tx, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const tags = await reader.tag.findMany({ where: { key: { in: names.map(tagKey) } }, select: { id: true, key: true } });
  return new Map(tags.map((tag) => [tag.key, tag.id]));
}

/** What `search` matches: name, description, tags and creator, lower-cased, one per line. */
export const searchText = (parts: { name: string; description: string; tags: string[]; creator: string }) =>
  [parts.name, parts.description, ...parts.tags, parts.creator].join("\n").toLowerCase();
