export const tagKey = (name: string) => name.toLowerCase();

/** What `search` matches: name, description, tags and creator, lower-cased, one per line. */
export const searchText = (parts: { name: string; description: string; tags: string[]; creator: string }) =>
  [parts.name, parts.description, ...parts.tags, parts.creator].join("\n").toLowerCase();
