// One value per process, whatever number of copies of a module load it. Next.js bundles the app
// with its own copy of each module (the instrumentation hook and the routes may even get
// several), and our server (scripts/serve.ts) loads another: a logger, a metrics registry, a
// database connection or a background worker made per copy would be made several times.
const VALUES = Symbol.for("atmosphere.process-wide");
const holder = globalThis as { [VALUES]?: Map<string, unknown> };
const values = (holder[VALUES] ??= new Map<string, unknown>());

/** The value under `name`, made by `make` on the first call in this process (null and undefined are kept too). */
export function processWide<T>(name: string, make: () => T): T {
  if (!values.has(name)) values.set(name, make());
  return values.get(name) as T;
}
