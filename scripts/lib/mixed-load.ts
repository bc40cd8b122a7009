// The mixed load of `npm run soak` and of the test behind nginx: reads, edits with If-Match, image
// requests and their status moves, from many connections at once. It remembers every write the
// server acknowledged, so that `auditWrites` can then check each is in the database exactly once.
import { demoToken } from "./server";

const USERS = ["alice", "bob", "carol"] as const;
export type Operation = "list" | "search" | "read" | "edit" | "request" | "move";

export interface MixedLoadResult {
  /** Answers by operation and status, e.g. "edit 200". */
  statuses: Map<string, number>;
  /** Milliseconds per request, by operation. */
  latencies: Map<Operation, number[]>;
  acknowledgedEdits: string[];
  acknowledgedRequests: number[];
  acknowledgedMoves: { id: number; to: string }[];
  /** 412 and 409: another connection changed the same thing first (expected under this load). */
  conflicts: number;
  /** Requests that got no answer at all (connection refused or reset), with the first few causes. */
  errors: number;
  errorSamples: string[];
  /** The first few 5xx answers: what was asked, and what came back. */
  serverErrorSamples: string[];
  /** `next` links and `Location` headers that do not start with the public URL. */
  foreignLinks: string[];
}

/** Runs the load from `connections` loops until `keepGoing()` says stop. */
export async function runMixedLoad({ url, connections, keepGoing, publicUrl = url }: { url: string; connections: number; keepGoing: () => boolean; publicUrl?: string }): Promise<MixedLoadResult> {
  const tokens = Object.fromEntries(await Promise.all([...USERS, "support"].map(async (user) => [user, await demoToken(url, user)] as const)));
  const auth = (user: string) => ({ Authorization: `Token ${tokens[user]}` });
  const json = { "Content-Type": "application/json" };
  const result: MixedLoadResult = { statuses: new Map(), latencies: new Map(), acknowledgedEdits: [], acknowledgedRequests: [], acknowledgedMoves: [], conflicts: 0, errors: 0, errorSamples: [], serverErrorSamples: [], foreignLinks: [] };
  const checkLink = (link: string | null | undefined) => {
    if (link && !link.startsWith(`${publicUrl}/`)) result.foreignLinks.push(link);
  };

  async function send(operation: Operation, path: string, init: RequestInit = {}): Promise<Response> {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1${path}`, init);
    const body = await response.arrayBuffer();
    const latencies = result.latencies.get(operation) ?? result.latencies.set(operation, []).get(operation)!;
    latencies.push(performance.now() - started);
    const key = `${operation} ${response.status}`;
    result.statuses.set(key, (result.statuses.get(key) ?? 0) + 1);
    if (response.status >= 500 && result.serverErrorSamples.length < 5) {
      result.serverErrorSamples.push(`${init.method ?? "GET"} ${path}: ${response.status} ${response.headers.get("x-request-id")} ${new TextDecoder().decode(body).slice(0, 300)}`);
    }
    return new Response(body, response);
  }

  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
  const own = new Map<string, { images: string[]; instances: { alias: string; provider: number; identity: string }[] }>();
  for (const user of USERS) {
    const images = (await (await fetch(`${url}/api/v1/images?created_by=${user}&include_end_dated=true&page_size=100`, { headers: auth(user) })).json()).results;
    const instances = (await (await fetch(`${url}/api/v1/instances?page_size=100`, { headers: auth(user) })).json()).results;
    own.set(user, { images: images.map((image: { id: string }) => image.id), instances });
  }
  const publicIds = (await (await fetch(`${url}/api/v1/images?page_size=100`)).json()).results.map((image: { id: string }) => image.id);

  let counter = 0;
  async function step(worker: number) {
    const roll = Math.random();
    const user = pick(USERS);
    if (roll < 0.3) {
      const listed = await send("list", "/images?page_size=20", { headers: Math.random() < 0.5 ? auth(user) : {} });
      if (listed.ok) checkLink(((await listed.json()) as { next: string | null }).next);
    } else if (roll < 0.45) {
      await send("search", `/images?page_size=20&search=${pick(["ubuntu", "gpu notebook", "galaxy", "python", "lab"])}${pick(["", "&tag=Featured"])}`, { headers: auth(user) });
    } else if (roll < 0.6) {
      await send("read", `/images/${pick(publicIds)}`);
    } else if (roll < 0.8) {
      const id = pick(own.get(user)!.images);
      const current = await send("read", `/images/${id}`, { headers: auth(user) });
      const marker = `soak ${worker}-${++counter}`;
      const edited = await send("edit", `/images/${id}`, {
        method: "PATCH",
        headers: { ...auth(user), ...json, "If-Match": current.headers.get("etag") ?? "" },
        body: JSON.stringify({ description: marker }),
      });
      if (edited.status === 200) result.acknowledgedEdits.push(marker);
      else if (edited.status === 412) result.conflicts++;
    } else if (roll < 0.9) {
      const instance = pick(own.get(user)!.instances);
      const created = await send("request", `/provider/${instance.provider}/identity/${instance.identity}/request_image/`, {
        method: "POST",
        headers: { ...auth(user), ...json },
        // A name of its own, so that a request created but never acknowledged is found.
        body: JSON.stringify({ name: `Soak ${worker}-${++counter}`, instance: instance.alias, description: "Soak test", vis: "private" }),
      });
      if (created.status === 201) {
        result.acknowledgedRequests.push(((await created.json()) as { id: number }).id);
        checkLink(created.headers.get("location"));
      } else if (created.status === 409) result.conflicts++;
    } else {
      const listed = await send("list", "/image_requests?status=pending&status=approved&page_size=50", { headers: auth("support") });
      const open = listed.ok ? ((await listed.json()) as { results: { id: number; status: string; created_by: string }[] }).results : [];
      if (open.length === 0) return;
      const request = pick(open);
      const [who, to] = Math.random() < 0.2 ? [request.created_by, "closed"] : ["support", request.status === "pending" ? "approved" : pick(["processing", "completed", "denied"])];
      const moved = await send("move", `/image_requests/${request.id}`, {
        method: "PATCH",
        headers: { ...auth(who), ...json },
        body: JSON.stringify({ status: to, ...(to === "denied" ? { admin_message: "Soak test." } : {}) }),
      });
      if (moved.status === 200) result.acknowledgedMoves.push({ id: request.id, to });
      else if (moved.status === 409) result.conflicts++;
    }
  }

  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (keepGoing()) {
        try {
          await step(worker);
        } catch (error) {
          result.errors++;
          if (result.errorSamples.length < 5) result.errorSamples.push(String((error as Error).cause ?? error));
        }
      }
    }),
  );
  return result;
}

/** Rows of a whole-table query, on whichever database the run used. */
export type RunQuery = (sql: string) => Promise<Record<string, unknown>[]>;

/** Every acknowledged write is in the database exactly once. */
export async function auditWrites(load: MixedLoadResult, query: RunQuery) {
  const audited = (await query("SELECT changes FROM image_edits"))
    .map((row) => (typeof row.changes === "string" ? JSON.parse(row.changes) : row.changes) as { description?: { to?: string } })
    .map((changes) => changes.description?.to)
    .filter((to): to is string => to?.startsWith("soak ") ?? false);
  const auditCounts = new Map<string, number>();
  for (const marker of audited) auditCounts.set(marker, (auditCounts.get(marker) ?? 0) + 1);
  const acknowledged = new Set(load.acknowledgedEdits);
  const lostEdits = load.acknowledgedEdits.filter((marker) => !auditCounts.has(marker)).length;
  // Twice the same edit, or an edit that was never acknowledged (an answer lost on its way, or a
  // retry that was refused after the first try had been applied).
  const duplicatedEdits = [...auditCounts].filter(([marker, count]) => count > 1 || !acknowledged.has(marker)).length;
  const requestRows = await query("SELECT id, name FROM image_requests");
  const requestIds = new Set(requestRows.map((row) => Number(row.id)));
  const lostRequests = load.acknowledgedRequests.filter((id) => !requestIds.has(id)).length;
  // A request the load made whose answer never said so: made twice, or made and then reported lost.
  const acknowledgedRequests = new Set(load.acknowledgedRequests);
  const unacknowledgedRequests = requestRows.filter((row) => String(row.name).startsWith("Soak ") && !acknowledgedRequests.has(Number(row.id))).length;
  const moveCounts = new Map<string, number>();
  for (const row of await query("SELECT request_id, to_status FROM image_request_events WHERE from_status IS NOT NULL")) {
    const key = `${row.request_id} ${row.to_status}`;
    moveCounts.set(key, (moveCounts.get(key) ?? 0) + 1);
  }
  const lostMoves = load.acknowledgedMoves.filter((move) => moveCounts.get(`${move.id} ${move.to}`) !== 1).length;
  // A move of one of the load's requests that no answer acknowledged.
  const soakRequests = new Set(requestRows.filter((row) => String(row.name).startsWith("Soak ")).map((row) => Number(row.id)));
  const acknowledgedMoves = new Set(load.acknowledgedMoves.map((move) => `${move.id} ${move.to}`));
  const unacknowledgedMoves = [...moveCounts.keys()].filter((key) => soakRequests.has(Number(key.split(" ")[0])) && !acknowledgedMoves.has(key)).length;
  return { lost_writes: lostEdits + lostRequests + lostMoves, duplicated_writes: duplicatedEdits + unacknowledgedRequests + unacknowledgedMoves };
}

/** The figures a run prints: rate, latency percentiles overall and per operation, 5xx. */
export function loadFigures(load: MixedLoadResult, seconds: number) {
  const all = [...load.latencies.values()].flat().sort((a, b) => a - b);
  const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1)));
  const byOperation = Object.fromEntries(
    [...load.latencies].sort(([a], [b]) => a.localeCompare(b)).map(([operation, latencies]) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      return [operation, { requests: sorted.length, p50_ms: percentile(sorted, 0.5), p99_ms: percentile(sorted, 0.99), max_ms: percentile(sorted, 1) }];
    }),
  );
  return {
    overall: {
      seconds: Math.round(seconds),
      requests: all.length,
      requests_per_second: Math.round(all.length / seconds),
      p50_ms: percentile(all, 0.5),
      p99_ms: percentile(all, 0.99),
      errors_5xx: [...load.statuses].filter(([key]) => / 5\d\d$/.test(key)).reduce((sum, [, count]) => sum + count, 0),
      no_answer: load.errors,
      acknowledged_edits: load.acknowledgedEdits.length,
      acknowledged_requests: load.acknowledgedRequests.length,
      acknowledged_moves: load.acknowledgedMoves.length,
      conflicts_412_409: load.conflicts,
    },
    byOperation,
  };
}
