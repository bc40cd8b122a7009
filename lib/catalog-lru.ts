/**
 * Values remembered under the catalog's state (catalog-cache.ts): each is good while the catalog's
 * version is the one it was computed at and its end-date horizon has not passed. What is held is
 * bounded in bytes, least recently used first out, and a value over a sixteenth of the budget is
 * never kept. The counts and pages of the catalog cache and the remembered catalog pages
 * (lib/http/page-cache.ts) are each one of these.
 */
export class CatalogLru<V> {
  private readonly entries = new Map<string, { version: number; until: number; value: V; bytes: number }>();
  private held = 0;

  constructor(private readonly budgetBytes: number) {}

  /** The largest value kept. */
  get entryBytesMax(): number {
    return this.budgetBytes / 16;
  }

  /** The value kept for `key` at this version, if it still holds now; it becomes the most recently used. */
  get(key: string, version: number, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version || now >= entry.until) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps a value computed at `version`, good until `until`, unless a newer one is kept already. */
  keep(key: string, version: number, until: number, value: V, bytes: number): void {
    // A computation for an older version that ends last must not replace the newer value.
    if ((this.entries.get(key)?.version ?? -1) > version) return;
    this.forget(key);
    if (bytes > this.entryBytesMax) return;
    this.entries.set(key, { version, until, value, bytes });
    this.held += bytes;
    while (this.held > this.budgetBytes) this.forget(this.entries.keys().next().value!);
  }

  private forget(key: string): void {
    this.held -= this.entries.get(key)?.bytes ?? 0;
    this.entries.delete(key);
  }
}
