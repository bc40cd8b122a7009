// npm run soak: five minutes (SOAK_SECONDS) of mixed load from 32 connections against the
// production server on SQLite: reads, edits with If-Match, image requests and their status moves.
// Then it checks that nothing answered 5xx and that every acknowledged write is in the database once.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { auditWrites, loadFigures, runMixedLoad } from "./lib/mixed-load";
import { ensureBuild, freshDatabase, startServer } from "./lib/server";

const SECONDS = Number(process.env.SOAK_SECONDS) || 300;
const CONNECTIONS = 32;
const PORT = Number(process.env.SOAK_PORT) || 3400;

ensureBuild();
const databaseUrl = freshDatabase();
const server = await startServer({ port: PORT, databaseUrl });

console.log(`soak: ${CONNECTIONS} connections for ${SECONDS} s against ${server.url}`);
let peakRss = 0;
// The server's CPU time (user + system, in clock ticks of 10 ms) from /proc: whether it is the
// line in front of one busy core that makes the latency.
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${server.process.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const cpuBefore = cpuSeconds();
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
    peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {}
}, 1000);
const started = performance.now();
const deadline = Date.now() + SECONDS * 1000;
const load = await runMixedLoad({ url: server.url, connections: CONNECTIONS, keepGoing: () => Date.now() < deadline });
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
const serverCpuSeconds = cpuSeconds() - cpuBefore;
await server.stop();

const sqlite = new Database(databaseUrl.slice("file:".length), { readonly: true });
const audit = await auditWrites(load, async (sql) => sqlite.prepare(sql).all() as Record<string, unknown>[]);
const integrity = sqlite.pragma("integrity_check", { simple: true });
sqlite.close();

const { overall, byOperation } = loadFigures(load, elapsed);
for (const sample of [...load.errorSamples, ...load.serverErrorSamples]) console.error(sample);
console.table(Object.fromEntries([...load.statuses].sort()));
console.table(byOperation);
console.table({ ...overall, connections: CONNECTIONS, server_peak_rss_mb: Math.round(peakRss),
  server_cpu_percent: Math.round((serverCpuSeconds / elapsed) * 100),
  server_cpu_ms_per_request: Math.round((serverCpuSeconds * 10000) / overall.requests) / 10, ...audit, integrity_check: integrity });
const ok = overall.errors_5xx === 0 && load.errors === 0 && audit.lost_writes === 0 && audit.duplicated_writes === 0 && integrity === "ok";
console.log(ok ? "soak: passed" : "soak: FAILED");
process.exit(ok ? 0 : 1);
