// Running it as a service (SPEC §11): request ids, one JSON log line per request, health and
// readiness, and a clean stop on SIGTERM, against the production build in processes of its own.
import { request as httpRequest } from "node:http";
import { createServer as createTcpServer, connect, type Server, type Socket } from "node:net";
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { demoToken, freshDatabase, startServer, type RunningServer } from "../scripts/lib/server";

const PORT = E2E_PORT + 30;
const URL_ = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial" });
let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ port: PORT, databaseUrl: freshDatabase() });
});
test.afterAll(async () => {
  await server?.stop();
});

const lineOf = async (requestId: string) => {
  await expect.poll(() => server.logs.some((line) => line.request_id === requestId && line.event === "request")).toBe(true);
  return server.logs.find((line) => line.request_id === requestId && line.event === "request")!;
};

test("every answer carries its request id, problems name it, and its log line says what happened", async ({ request }) => {
  const missing = await request.get(`${URL_}/api/v1/images/00000000-0000-4000-8000-000000000000`, { headers: { "X-Request-Id": "made-up-by-the-client-1" } });
  expect(missing.status()).toBe(404);
  const id = missing.headers()["x-request-id"];
  // Without TRUST_PROXY a client's id is not believed: the server makes its own.
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect((await missing.json()).request_id).toBe(id);
  expect(await lineOf(id)).toMatchObject({ level: "info", event: "request", method: "GET", route: "(not found)", status: 404, user_id: null, address: "127.0.0.1" });

  const token = await demoToken(URL_, "alice");
  const list = await request.get(`${URL_}/api/v1/images?search=blast&page_size=2`, { headers: { Authorization: `Token ${token}` } });
  const line = await lineOf(list.headers()["x-request-id"]);
  expect(line).toMatchObject({ route: "/api/v1/images", status: 200, user_id: expect.any(Number) });
  expect(typeof line.duration_ms).toBe("number");
  expect(typeof line.time).toBe("string");
  // Never the query string, nor the token.
  expect(JSON.stringify(server.logs)).not.toContain("search=blast");
  expect(JSON.stringify(server.logs)).not.toContain(token);

  const page = await request.get(`${URL_}/images`);
  expect(await lineOf(page.headers()["x-request-id"])).toMatchObject({ route: "/images", status: 200 });
});

test("health answers while the process is up; ready only while the database answers", async ({ request }) => {
  test.setTimeout(120_000);
  // A PostgreSQL database the server reaches through a relay this test can cut, as it would a database that stops.
  const database = `atmosphere_ops_${process.pid}`;
  const psql = (sql: string) => execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-qc", sql]);
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  psql(`CREATE DATABASE ${database}`);
  const relayPort = E2E_PORT + 31;
  let relay: Relay | null = null;
  let onPostgres: RunningServer | null = null;
  try {
    execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare-database.ts"], {
      env: { ...process.env, DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${database}` },
      stdio: "ignore",
    });
    relay = await startRelay(relayPort, 5432);
    onPostgres = await startServer({ port: E2E_PORT + 32, databaseUrl: `postgresql://postgres@127.0.0.1:${relayPort}/${database}`, env: { SECRETS_KEY: "0a".repeat(32) } });
    const at = (path: string) => request.get(`${onPostgres!.url}${path}`);
    expect((await at("/api/ready")).status()).toBe(200);
    await relay.close();
    const ready = await at("/api/ready");
    expect(ready.status()).toBe(503);
    expect((await ready.json()).detail).toBe("The database cannot be reached.");
    expect((await at("/api/health")).status()).toBe(200);
    relay = await startRelay(relayPort, 5432);
    await expect.poll(async () => (await at("/api/ready")).status(), { timeout: 15_000 }).toBe(200);
  } finally {
    await onPostgres?.stop();
    await relay?.close();
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});

test("SIGTERM during a burst: every request already accepted is answered, then the process exits 0", async () => {
  test.setTimeout(120_000);
  const stopping = await startServer({ port: E2E_PORT + 33, databaseUrl: freshDatabase() });
  // Sign-ins take about 100 ms each and are checked a few at a time: a burst keeps the server busy for seconds.
  const connected: Promise<void>[] = [];
  const burst = Array.from({ length: 24 }, (_, index) => post(`${stopping.url}/api/v1/auth/token`, { username: "carol", password: "carol-demo", name: `burst ${index}` }, connected));
  // Every request's connection is open, the server has had time to take them all in, and one
  // answer is back: the signal comes mid-burst, with most requests still waiting for their check.
  await Promise.all(connected);
  // And a connection that never sends a request (a browser's preconnect): not waited for.
  const silent = connect(E2E_PORT + 33, "127.0.0.1");
  silent.on("error", () => {});
  await new Promise((resolve) => silent.once("connect", resolve));
  await Promise.race(burst);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const signalled = Date.now();
  stopping.process.kill("SIGTERM");
  // A second signal (Ctrl-C reaches npm and the server both) does not cut the stop short.
  setTimeout(() => stopping.process.kill("SIGTERM"), 50);
  const answers = await Promise.all(burst);
  expect(answers.filter((status) => status !== 201)).toEqual([]);
  const exitCode = await new Promise<number | null>((resolve) => (stopping.process.exitCode !== null ? resolve(stopping.process.exitCode) : stopping.process.once("exit", resolve)));
  expect(exitCode).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(15_000);
  silent.destroy();
  expect(stopping.logs.map((line) => line.event)).toContain("stopped");
  // The signal did come mid-burst.
  expect(stopping.logs.find((line) => line.event === "stopping")?.in_flight).toBeGreaterThan(5);
  // No new connection is taken once it stops.
  await expect(fetch(`${stopping.url}/api/health`)).rejects.toThrow();
});

/** POST JSON on a connection of its own; the answer's status, or the error's code. `connected` gets a promise of the connection being open. */
function post(url: string, body: unknown, connected: Promise<void>[]): Promise<number | string> {
  return new Promise((resolve) => {
    const sent = httpRequest(url, { method: "POST", agent: false, headers: { "Content-Type": "application/json" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    connected.push(new Promise((opened) => sent.once("socket", (socket) => socket.once("connect", () => opened()))));
    sent.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    sent.end(JSON.stringify(body));
  });
}

interface Relay {
  close(): Promise<void>;
}

/** A TCP relay from `port` to `target` on loopback; close() cuts every connection through it. */
async function startRelay(port: number, target: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  const relay: Server = createTcpServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
