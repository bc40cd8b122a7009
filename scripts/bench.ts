// npm run bench: the production server on the 100,000-image catalog, driven by autocannon in its
// own process (every route for 2 s first; then 32 connections, 10 s a scenario after a 2 s
// warm-up, then once more on one connection for latency), side by side with two baselines: a
// Next.js route answering the same bytes from memory, and a bare node:http server; the list
// while another client edits 10 times a second; revalidations (If-None-Match); then scenarios
// 1–6 again with nothing remembered between requests; then Glance as the peer. Figures go to
// bench/results/ and the terminal.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqlitePath } from "../lib/database-url";
import { migrate } from "../lib/db/migrate";
import { pageSpeed } from "./lib/page-speed";
import { startPacedEdits, type Editor } from "./lib/paced-edits";
import { startGlancePeer } from "./lib/glance-peer";
import { demoToken, startServer } from "./lib/server";

const PORT = Number(process.env.BENCH_PORT) || 3500;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const CONNECTIONS = 32;
const databaseUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : `file:${path.resolve("data/bench/atmosphere.db")}`;

// PostgreSQL is filled by hand (see the README); an unreachable one is an error, never a refill.
async function imageCount(): Promise<number> {
  if (databaseKind(databaseUrl) === "postgresql") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM images")).rows[0].n);
    } finally {
      await client.end();
    }
  }
  try {
    const sqlite = new Database(sqlitePath(databaseUrl), { readonly: true });
    const { n } = sqlite.prepare("SELECT count(*) AS n FROM images").get() as { n: number };
    sqlite.close();
    return n;
  } catch {
    return 0;
  }
}
if ((await imageCount()) === 0) {
  if (databaseKind(databaseUrl) === "sqlite") mkdirSync(path.dirname(sqlitePath(databaseUrl)), { recursive: true });
  const filled = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/dataset.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "inherit" });
  if (filled.status !== 0) process.exit(1);
}
await migrate(databaseUrl);
// A build of the code as it is now: the figures must describe this commit.
if (process.env.BENCH_SKIP_BUILD !== "1" && spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);

const baselineFile = path.join(os.tmpdir(), "atmosphere-bench-page.json");
let server = await startServer({ port: PORT, databaseUrl, env: { BENCH_BASELINE_FILE: baselineFile } });
const token = await (async () => {
  const response = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "user00001", password: "dataset-password", name: "bench" }),
  });
  return response.ok ? ((await response.json()) as { token: string }).token : await demoToken(server.url, "alice");
})();
// The mixed scenario's writer: 20 users of the dataset, each editing public images of their own.
const editors: Editor[] = [];
for (let n = 2; n <= 21; n++) {
  const username = `user${String(n).padStart(5, "0")}`;
  const signedIn = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: "dataset-password", name: "bench editor" }),
  });
  if (!signedIn.ok) continue;
  const { token } = (await signedIn.json()) as { token: string };
  const own = (await (await fetch(`${server.url}/api/v1/images?created_by=${username}&page_size=5`)).json()) as { results: { id: string }[] };
  if (own.results.length > 0) editors.push({ token, imageIds: own.results.map((image) => image.id) });
}
const firstPage = Buffer.from(await (await fetch(`${server.url}/api/v1/images?page_size=20`)).arrayBuffer());
writeFileSync(baselineFile, firstPage);
const tags = ((await (await fetch(`${server.url}/api/v1/tags?page_size=1000`)).json()) as { results: { name: string; image_count: number }[] }).results
  .sort((a, b) => b.image_count - a.image_count)
  .slice(0, 2)
  .map((tag) => encodeURIComponent(tag.name));
const ids = ((await (await fetch(`${server.url}/api/v1/images?page_size=1000&ordering=name`)).json()) as { results: { id: string }[] }).results.map((image) => image.id);

const bare = createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": firstPage.length });
  response.end(firstPage);
});
await new Promise<void>((resolve) => bare.listen(PORT + 1, "127.0.0.1", resolve));

interface Scenario {
  name: string;
  paths: string[];
  headers?: Record<string, string>;
  url?: string;
  /** Sent with the ETag its path answers just before it runs: every answer should be a 304. */
  revalidated?: boolean;
  /** Edits per second sent by another client while the scenario runs. */
  editsPerSecond?: number;
}

const scenarios: Scenario[] = [
  { name: "1 list (anonymous)", paths: ["/api/v1/images?page_size=20"] },
  { name: "2 search, two words", paths: ["/api/v1/images?page_size=20&search=python%20gpu"] },
  { name: "3 two tags", paths: [`/api/v1/images?page_size=20&tag=${tags[0]}&tag=${tags[1]}`] },
  { name: "4 list (token)", paths: ["/api/v1/images?page_size=20"], headers: { Authorization: `Token ${token}` } },
  { name: "5 one image", paths: ids.map((id) => `/api/v1/images/${id}`) },
  { name: "6 catalog page", paths: ["/images"] },
  { name: "7 baseline: Next.js route", paths: ["/api/bench/baseline"] },
  { name: "8 baseline: node:http", paths: ["/"], url: `http://127.0.0.1:${PORT + 1}` },
  { name: "9 mixed: reads while 10 edits/s", paths: ["/api/v1/images?page_size=20"], editsPerSecond: 10 },
  { name: "10 one image, revalidated", paths: [`/api/v1/images/${ids[0]}`], revalidated: true },
  { name: "11 list, revalidated", paths: ["/api/v1/images?page_size=20"], revalidated: true },
  // The catalog page as scenario 6 without the remembered page (lib/http/page-cache.ts), which a
  // session cookie turns off: rendered on every request, as for someone signed in.
  { name: "12 catalog page, rendered (session cookie)", paths: ["/images"], headers: { Cookie: "next-auth.session-token=not-a-session" } },
];
if (editors.length === 0) throw new Error("bench: no dataset user could sign in to edit (is this the npm run dataset catalog?)");

function load(scenario: Scenario, connections: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number; requests: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const options = { url: scenario.url ?? server.url, paths: scenario.paths, headers: scenario.headers ?? {}, connections, seconds, expectStatus: scenario.revalidated ? 304 : 200 };
    const child = spawn("npx", ["tsx", "scripts/lib/load.ts", JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    let peakMb = 0;
    const sampler = setInterval(() => {
      try {
        peakMb = Math.max(peakMb, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, "utf8"))?.[1] ?? 0) / 1024);
      } catch {}
    }, 250);
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`load run failed for ${scenario.name}`));
      resolve({ ...JSON.parse(output.trim().split("\n").at(-1)!), peakMb: Math.round(peakMb) });
    });
  });
}

/**
 * Waits until the server has answered what a loaded run left in flight: a request sent now
 * queues behind them. Without it, the one-connection run would time the backlog.
 */
const settle = async (scenario: Scenario) => void (await fetch(`${scenario.url ?? server.url}${scenario.paths[0]}`, { headers: scenario.headers }).then((response) => response.arrayBuffer()));

// Every route once under load before anything is measured: the first scenario would otherwise
// pay for the server's first minutes (code compiled as it runs, the heap growing), measured at
// a third of its rate when it ran first after a start.
for (const scenario of scenarios.filter((candidate) => !candidate.revalidated)) await load(scenario, CONNECTIONS, 2);

const results: Record<string, unknown>[] = [];
for (const scenario of scenarios) {
  if (scenario.revalidated) {
    const etag = (await fetch(`${server.url}${scenario.paths[0]}`, { headers: scenario.headers })).headers.get("etag");
    if (!etag) throw new Error(`bench: ${scenario.paths[0]} sent no ETag`);
    scenario.headers = { ...scenario.headers, "If-None-Match": etag };
  }
  const edits = scenario.editsPerSecond ? startPacedEdits({ url: server.url, editors, perSecond: scenario.editsPerSecond }) : null;
  await load(scenario, CONNECTIONS, 2); // warm-up
  await edits?.figures();
  const loaded = await load(scenario, CONNECTIONS, SECONDS);
  const written = await edits?.figures();
  await settle(scenario);
  const single = await load(scenario, 1, Math.max(3, SECONDS / 2));
  await edits?.stop();
  results.push({
    scenario: scenario.name,
    rps: Math.round(loaded.rps),
    p50_ms: loaded.p50,
    p99_ms: loaded.p99,
    errors: loaded.errors + single.errors + (written?.errors ?? 0),
    one_connection_p99_ms: single.p99,
    server_peak_mb: Math.max(loaded.peakMb, single.peakMb),
    ...(written ? { edits: written.edits, write_p99_ms: written.p99_ms } : {}),
  });
  console.log(results.at(-1));
}
const speed = await pageSpeed(server.url);
console.log(`page speed: catalog LCP ${speed.lcp_ms} ms; a typed search shows its results ${speed.search_ms} ms after the last keystroke`);
await server.stop();

// Scenarios 1–6 once more with nothing remembered (CATALOG_CACHE=off): what every request
// costs when the catalog changes between any two of them.
server = await startServer({ port: PORT, databaseUrl, env: { CATALOG_CACHE: "off" } });
for (const [index, scenario] of scenarios.slice(0, 6).entries()) {
  await load(scenario, CONNECTIONS, 2);
  const loaded = await load(scenario, CONNECTIONS, SECONDS);
  await settle(scenario);
  const single = await load(scenario, 1, Math.max(3, SECONDS / 2));
  Object.assign(results[index], {
    computed_rps: Math.round(loaded.rps),
    computed_p99_ms: loaded.p99,
    computed_one_connection_p99_ms: single.p99,
    computed_errors: loaded.errors + single.errors,
  });
  console.log(scenario.name, "computed every time:", loaded.rps, "req/s, one connection p99", single.p99, "ms");
}
bare.close();
await server.stop();

// The peer, measured the same way once our server is stopped: Glance listing 20 of as many images.
let peerRun: { name: string; version: string; setup: string; rps: number; p99: number; errors: number } | { skipped: string };
try {
  const glance = await startGlancePeer(await imageCount());
  try {
    const scenario = { name: "Glance: list 20", url: glance.url, paths: ["/v2/images?limit=20"], headers: glance.headers };
    await load(scenario, CONNECTIONS, 2);
    await glance.settled();
    const loaded = await load(scenario, CONNECTIONS, SECONDS);
    peerRun = { name: glance.name, version: glance.version, setup: glance.setup, rps: loaded.rps, p99: loaded.p99, errors: loaded.errors };
  } finally {
    await glance.stop();
  }
} catch (error) {
  peerRun = { skipped: `Keystone and Glance could not be measured: ${(error as Error).message}` };
  console.error(`bench: the peer is SKIPPED. ${peerRun.skipped}`);
}

const byNumber = (number: number) => results.find((row) => String(row.scenario).startsWith(`${number} `))!;
const baselineNext = byNumber(7).rps as number;
const baselineBare = byNumber(8).rps as number;
const share = (rps: number, baseline: number) => `${Math.round((rps / baseline) * 100)}%`;
for (const row of results.filter((row) => !String(row.scenario).includes("baseline"))) {
  row.vs_next_route = share(row.rps as number, baselineNext);
  row.vs_node_http = share(row.rps as number, baselineBare);
  if (row.computed_rps !== undefined) row.computed_vs_next_route = share(row.computed_rps as number, baselineNext);
}
byNumber(9).vs_read_only = share(byNumber(9).rps as number, byNumber(1).rps as number);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
mkdirSync("bench/results", { recursive: true });
const peer =
  "skipped" in peerRun
    ? peerRun
    : {
        name: peerRun.name,
        version: peerRun.version,
        setup: peerRun.setup,
        list_rps: Math.round(peerRun.rps),
        list_p99_ms: peerRun.p99,
        // Timeouts (autocannon's 10 s) and non-200 answers while listing.
        list_errors: peerRun.errors,
        // null when Glance answered nothing in time: there is no ratio to give.
        ours_vs_peer: peerRun.rps > 0 ? Math.round(((byNumber(1).rps as number) / peerRun.rps) * 10) / 10 : null,
        computed_vs_peer: peerRun.rps > 0 ? Math.round(((byNumber(1).computed_rps as number) / peerRun.rps) * 10) / 10 : null,
      };
const report = { run_at: new Date().toISOString(), database: databaseKind(databaseUrl), images: await imageCount(), cpus: os.cpus().length, node: process.version, connections: CONNECTIONS, seconds: SECONDS, results, page_speed: speed, peer };
writeFileSync(`bench/results/${stamp}.json`, JSON.stringify(report, null, 2));
console.table(results);
console.log("peer:", peer);
console.log(`bench: written to bench/results/${stamp}.json`);
