// npm run sign-in-burst: 50 clients, each from an address of its own, send failed sign-ins as
// fast as they are answered for SIGN_IN_BURST_SECONDS (default 10), while one other client reads
// one image again and again. Prints that client's latency: the burst must not starve it.
import { request as httpRequest } from "node:http";
import { ensureBuild, freshDatabase, startServer } from "./lib/server";

const SECONDS = Number(process.env.SIGN_IN_BURST_SECONDS) || 10;
const ATTACKERS = 50;
const PORT = Number(process.env.SIGN_IN_BURST_PORT) || 3450;

ensureBuild();
const server = await startServer({ port: PORT, databaseUrl: freshDatabase() });
const { results } = (await (await fetch(`${server.url}/api/v1/images?page_size=1`)).json()) as { results: { id: string }[] };
const imagePath = `/api/v1/images/${results[0].id}`;

/** One failed sign-in from a loopback address of the attacker's own (so no address is throttled for long). */
function failedSignIn(from: string, attempt: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${server.url}/api/v1/auth/token`, { method: "POST", localAddress: from, headers: { "Content-Type": "application/json" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    call.on("error", reject);
    call.end(JSON.stringify({ username: `attacker${attempt}`, password: "wrong", name: "burst" }));
  });
}

async function latencies(until: number): Promise<number[]> {
  const measured: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    const answer = await fetch(`${server.url}${imagePath}`);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`GET ${imagePath}: ${answer.status}`);
    measured.push(performance.now() - started);
  }
  return measured;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} requests)`;

try {
  const quiet = await latencies(Date.now() + 3000);
  const statuses = new Map<number, number>();
  const until = Date.now() + SECONDS * 1000;
  let attempt = 0;
  const attacker = async (index: number) => {
    const from = `127.0.1.${index + 1}`;
    while (Date.now() < until) {
      const status = await failedSignIn(from, attempt++);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const [underBurst] = await Promise.all([latencies(until), ...Array.from({ length: ATTACKERS }, (_, index) => attacker(index))]);
  console.log(`one image, quiet:             ${summary(quiet)}`);
  console.log(`one image, under the burst:   ${summary(underBurst)}`);
  console.log(`failed sign-ins answered in ${SECONDS} s from ${ATTACKERS} clients: ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(", ")}`);
} finally {
  await server.stop();
}
