// Ids in a path (numbers, version names such as 2.1, UUIDs, long random tokens) become ":id", so
// that a route names what was asked without the id, in logs and as a metric label of bounded
// cardinality. Paths that found nothing share one label: anyone can invent those.
const ID_SEGMENT = /^(?:\d+(?:\.\d+)*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})$/i;

export function routeLabel(url: string | undefined, status: number): string {
  const path = (url ?? "/").split("?")[0];
  if (path.startsWith("/_next/")) return "/_next/*";
  if (status === 404) return "(not found)";
  return path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment))
    .join("/");
}
