// Ids in a path (numbers, UUIDs, long random tokens, a version's name) become ":id", so that a
// route names what was asked without the id, in logs and as a metric label of bounded
// cardinality. Answers anyone can get on a path they invent (not found, refused, a preflight)
// share one label each: a made-up path must not add a metric series.
const ID_SEGMENT = /^(?:\d+(?:\.\d+)*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})$/i;

export function routeLabel(url: string | undefined, status: number, method = "GET"): string {
  const path = (url ?? "/").split("?")[0];
  if (path.startsWith("/_next/")) return "/_next/*";
  if (status === 404) return "(not found)";
  if (status >= 400) return "(refused)";
  if (method === "OPTIONS") return "(preflight)";
  const segments = path.split("/");
  return segments.map((segment, index) => (ID_SEGMENT.test(segment) || segments[index - 1] === "versions" ? ":id" : segment)).join("/");
}
