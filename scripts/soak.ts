// npm run soak: five minutes (SOAK_SECONDS) of mixed load from 32 connections against the
// production server: reads, edits with If-Match, image requests and their status moves. Then it
// checks that nothing answered 5xx and that every acknowledged write is in the database once.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { demoToken, ensureBuild, freshDatabase, startServer } from "./lib/server";

const SECONDS = Number(process.env.SOAK_SECONDS) || 300;
const CONNECTIONS = 32;
const PORT = Number(process.env.SOAK_PORT) || 3400;
const USERS = ["alice", "bob", "carol"] as const;

ensureBuild();
const databaseUrl = freshDatabase();
const server = await startServer({ port: PORT, databaseUrl });
const tokens = Object.fromEntries(await Promise.all([...USERS, "support"].map(async (user) => [user, await demoToken(server.url, user)] as const)));
const auth = (user: string) => ({ Authorization: `Token ${tokens[user]}` });
const json = { "Content-Type": "application/json" };

type Op = "list" | "search" | "read" | "edit" | "request" | "move";
const statuses = new Map<string, number>();
const latencies: number[] = [];
const acknowledgedEdits: string[] = [];
const acknowledgedRequests: number[] = [];
const acknowledgedMoves: { id: number; to: string }[] = [];
let conflicts = 0;

async function send(op: Op, path: string, init: RequestInit = {}): Promise<Response> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/v1${path}`, init);
  latencies.push(performance.now() - started);
  const key = `${op} ${response.status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  return response;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const own = new Map<string, { images: string[]; instances: { alias: string; provider: number; identity: string }[] }>();
for (const user of USERS) {
  const images = (await (await fetch(`${server.url}/api/v1/images?created_by=${user}&include_end_dated=true&page_size=100`, { headers: auth(user) })).json()).results;
  const instances = (await (await fetch(`${server.url}/api/v1/instances?page_size=100`, { headers: auth(user) })).json()).results;
  own.set(user, { images: images.map((image: { id: string }) => image.id), instances });
}
const publicIds = (await (await fetch(`${server.url}/api/v1/images?page_size=100`)).json()).results.map((image: { id: string }) => image.id);

let counter = 0;
async function step(worker: number) {
  const roll = Math.random();
  const user = pick(USERS);
  if (roll < 0.3) {
    await send("list", "/images?page_size=20", { headers: Math.random() < 0.5 ? auth(user) : {} });
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
    if (edited.status === 200) acknowledgedEdits.push(marker);
    else if (edited.status === 412) conflicts++;
  } else if (roll < 0.9) {
    const instance = pick(own.get(user)!.instances);
    const created = await send("request", `/provider/${instance.provider}/identity/${instance.identity}/request_image/`, {
      method: "POST",
      headers: { ...auth(user), ...json },
      body: JSON.stringify({ name: `Soak ${worker} ${counter}`, instance: instance.alias, description: "Soak test", vis: "private" }),
    });
    if (created.status === 201) acknowledgedRequests.push(((await created.json()) as { id: number }).id);
    else if (created.status === 409) conflicts++;
  } else {
    const open = (await (await send("list", "/image_requests?status=pending&status=approved&page_size=50", { headers: auth("support") })).json()).results;
    if (open.length === 0) return;
    const request = pick(open) as { id: number; status: string; created_by: string };
    const [who, to] = Math.random() < 0.2 ? [request.created_by, "closed"] : ["support", request.status === "pending" ? "approved" : pick(["processing", "completed", "denied"])];
    const moved = await send("move", `/image_requests/${request.id}`, {
      method: "PATCH",
      headers: { ...auth(who), ...json },
      body: JSON.stringify({ status: to, ...(to === "denied" ? { admin_message: "Soak test." } : {}) }),
    });
    if (moved.status === 200) acknowledgedMoves.push({ id: request.id, to });
    else if (moved.status === 409) conflicts++;
  }
}

console.log(`soak: ${CONNECTIONS} connections for ${SECONDS} s against ${server.url}`);
const started = performance.now();
const deadline = Date.now() + SECONDS * 1000;
let errors = 0;
let peakRss = 0;
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
    peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {}
}, 1000);
await Promise.all(
  Array.from({ length: CONNECTIONS }, async (_, worker) => {
    while (Date.now() < deadline) {
      try {
        await step(worker);
      } catch (error) {
        errors++;
        if (errors < 5) console.error(error);
      }
    }
  }),
);
clearInterval(sampler);
const elapsed = (performance.now() - started) / 1000;
await server.stop();

// Every acknowledged write is in the database exactly once.
const sqlite = new Database(databaseUrl.slice("file:".length), { readonly: true });
const audited = (sqlite.prepare("SELECT changes FROM image_edits").all() as { changes: string }[])
  .map((row) => JSON.parse(row.changes).description?.to as string | undefined)
  .filter((to): to is string => to?.startsWith("soak ") ?? false);
const auditCounts = new Map<string, number>();
for (const marker of audited) auditCounts.set(marker, (auditCounts.get(marker) ?? 0) + 1);
const lostEdits = acknowledgedEdits.filter((marker) => !auditCounts.has(marker)).length;
const duplicatedEdits = [...auditCounts.values()].filter((count) => count > 1).length + (audited.length - acknowledgedEdits.length > 0 ? audited.length - acknowledgedEdits.length : 0);
const requestRows = new Set((sqlite.prepare("SELECT id FROM image_requests").all() as { id: number }[]).map((row) => row.id));
const lostRequests = acknowledgedRequests.filter((id) => !requestRows.has(id)).length;
const moveEvents = sqlite.prepare("SELECT count(*) AS n FROM image_request_events WHERE request_id = ? AND to_status = ?");
const lostMoves = acknowledgedMoves.filter((move) => (moveEvents.get(move.id, move.to) as { n: number }).n !== 1).length;
const integrity = sqlite.pragma("integrity_check", { simple: true });
sqlite.close();

const fiveHundreds = [...statuses].filter(([key]) => / 5\d\d$/.test(key)).reduce((sum, [, count]) => sum + count, 0);
const sorted = latencies.sort((a, b) => a - b);
const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1);
const figures = {
  seconds: Math.round(elapsed),
  connections: CONNECTIONS,
  requests: latencies.length,
  requests_per_second: Math.round(latencies.length / elapsed),
  p50_ms: Number(percentile(0.5)),
  p99_ms: Number(percentile(0.99)),
  server_peak_rss_mb: Math.round(peakRss),
  errors_5xx: fiveHundreds,
  client_errors: errors,
  acknowledged_edits: acknowledgedEdits.length,
  acknowledged_requests: acknowledgedRequests.length,
  acknowledged_moves: acknowledgedMoves.length,
  conflicts_412_409: conflicts,
  lost_writes: lostEdits + lostRequests + lostMoves,
  duplicated_writes: duplicatedEdits,
  integrity_check: integrity,
};
console.table(Object.fromEntries([...statuses].sort()));
console.table(figures);
const ok = fiveHundreds === 0 && errors === 0 && figures.lost_writes === 0 && duplicatedEdits === 0 && integrity === "ok";
console.log(ok ? "soak: passed" : "soak: FAILED");
process.exit(ok ? 0 : 1);
