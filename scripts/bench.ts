// npm run bench: the production server on the 100,000-image catalog, driven by autocannon in its
// own process (32 connections, 10 s a scenario after a 2 s warm-up, then once more on one
// connection for latency), side by side with two baselines: a Next.js route answering the same
// bytes from memory, and a bare node:http server; then scenarios 1–6 again with nothing
// remembered between requests. Figures go to bench/results/ and the terminal.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKind, sqlitePath } from "../lib/database-url";
import { migrate } from "../lib/db/migrate";
import { pageSpeed } from "./lib/page-speed";
import { demoToken, startServer } from "./lib/server";

const PORT = Number(process.env.BENCH_PORT) || 3500;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const CONNECTIONS = 32;
const databaseUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : `file:${path.resolve("data/bench/atmosphere.db")}`;

function imageCount(): number {
  if (databaseKind(databaseUrl) === "postgresql") return -1;
  try {
    const sqlite = new Database(sqlitePath(databaseUrl), { readonly: true });
    const { n } = sqlite.prepare("SELECT count(*) AS n FROM images").get() as { n: number };
    sqlite.close();
    return n;
  } catch {
    return 0;
  }
}
if (imageCount() === 0) {
  mkdirSync(path.dirname(sqlitePath(databaseUrl)), { recursive: true });
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
];

function load(scenario: Scenario, connections: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number; requests: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const options = { url: scenario.url ?? server.url, paths: scenario.paths, headers: scenario.headers ?? {}, connections, seconds };
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

const results: Record<string, unknown>[] = [];
for (const scenario of scenarios) {
  await load(scenario, CONNECTIONS, 2); // warm-up
  const loaded = await load(scenario, CONNECTIONS, SECONDS);
  await settle(scenario);
  const single = await load(scenario, 1, Math.max(3, SECONDS / 2));
  results.push({
    scenario: scenario.name,
    rps: Math.round(loaded.rps),
    p50_ms: loaded.p50,
    p99_ms: loaded.p99,
    errors: loaded.errors + single.errors,
    one_connection_p99_ms: single.p99,
    server_peak_mb: Math.max(loaded.peakMb, single.peakMb),
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
  Object.assign(results[index], { computed_rps: Math.round(loaded.rps), computed_one_connection_p99_ms: single.p99, computed_errors: loaded.errors + single.errors });
  console.log(scenario.name, "computed every time:", loaded.rps, "req/s, one connection p99", single.p99, "ms");
}
bare.close();
await server.stop();

const baselineNext = results[6].rps as number;
const baselineBare = results[7].rps as number;
const share = (rps: number, baseline: number) => `${Math.round((rps / baseline) * 100)}%`;
for (const row of results.slice(0, 6)) {
  row.vs_next_route = share(row.rps as number, baselineNext);
  row.vs_node_http = share(row.rps as number, baselineBare);
  row.computed_vs_next_route = share(row.computed_rps as number, baselineNext);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
mkdirSync("bench/results", { recursive: true });
const report = { run_at: new Date().toISOString(), database: databaseKind(databaseUrl), images: imageCount(), cpus: os.cpus().length, node: process.version, connections: CONNECTIONS, seconds: SECONDS, results, page_speed: speed };
writeFileSync(`bench/results/${stamp}.json`, JSON.stringify(report, null, 2));
console.table(results);
console.log(`bench: written to bench/results/${stamp}.json`);
