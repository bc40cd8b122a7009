// Catalog links: the catalog's state lives in its URL, so every filter is a link.
export type CatalogChange = { set?: Record<string, string | null>; addTag?: string; removeTag?: string };

export function catalogHref(current: URLSearchParams, change: CatalogChange = {}): string {
  const params = new URLSearchParams(current);
  params.delete("page"); // any change of filter starts again at the first page
  for (const [key, value] of Object.entries(change.set ?? {})) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  if (change.addTag && !params.getAll("tag").some((tag) => tag.toLowerCase() === change.addTag!.toLowerCase())) {
    params.append("tag", change.addTag);
  }
  if (change.removeTag) {
    const rest = params.getAll("tag").filter((tag) => tag.toLowerCase() !== change.removeTag!.toLowerCase());
    params.delete("tag");
    for (const tag of rest) params.append("tag", tag);
  }
  const query = params.toString();
  return query ? `/images?${query}` : "/images";
}

export function pageHref(current: URLSearchParams, page: number): string {
  const params = new URLSearchParams(current);
  if (page <= 1) params.delete("page");
  else params.set("page", String(page));
  const query = params.toString();
  return query ? `/images?${query}` : "/images";
}
