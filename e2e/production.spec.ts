// Running in production (SPEC §11): two app processes and a worker on one PostgreSQL database,
// behind Debian's nginx with the shipped configuration (deploy/nginx). They share nothing but the
// database: an edit made through one is seen through the other, sign-in throttling counts across
// both, each background job runs once, and the mixed load through nginx loses nothing while each
// process in turn is stopped with SIGTERM and started again.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { TestSmtpServer } from "../tests/smtp";
import { auditWrites, loadFigures, runMixedLoad } from "../scripts/lib/mixed-load";
import { startNginx, type RunningNginx } from "../scripts/lib/nginx";
import { demoToken, startServer, type RunningServer } from "../scripts/lib/server";
import { E2E_PORT } from "../playwright.config";
import { signInFrom } from "./helpers";

const APP_PORTS = [E2E_PORT + 40, E2E_PORT + 41];
const NGINX_PORT = E2E_PORT + 42;
const PUBLIC_URL = `http://127.0.0.1:${NGINX_PORT}`;
const DATABASE = `atmosphere_production_${process.pid}`;
const DATABASE_URL = `postgresql://postgres@127.0.0.1:5432/${DATABASE}`;

test.describe.configure({ mode: "serial" });
const smtp = new TestSmtpServer();
const apps: RunningServer[] = [];
let nginx: RunningNginx;
let worker: ChildProcess;
let database: pg.Client;

const psql = (sql: string) => execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-qc", sql]);
const environment = () => ({
  DATABASE_URL,
  NEXTAUTH_URL: PUBLIC_URL,
  NEXTAUTH_SECRET: "production-spec-secret",
  SECRETS_KEY: "0b".repeat(32),
  TRUST_PROXY: "1",
  HOST: "127.0.0.1",
  SMTP_URL: smtp.url,
  OUTBOX_POLL_MS: "300",
  PROVIDER_SYNC_SECONDS: "0",
});
// The compiled commands, as the systemd units start them (npm run test:e2e builds them).
const startApp = (index: number) => startServer({ port: APP_PORTS[index], databaseUrl: DATABASE_URL, env: environment(), fromBuild: true });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await smtp.start();
  psql(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  psql(`CREATE DATABASE ${DATABASE}`);
  execFileSync(process.execPath, ["dist/prepare-database.mjs"], { env: { ...process.env, DATABASE_URL }, stdio: "ignore" });
  apps.push(...(await Promise.all([startApp(0), startApp(1)])));
  // A worker of its own beside the app processes' workers: three processes claim each job.
  worker = spawn(process.execPath, ["dist/worker.mjs"], { env: { ...process.env, ...environment() }, stdio: "ignore" });
  nginx = await startNginx({ port: NGINX_PORT, upstreams: APP_PORTS.map((port) => `127.0.0.1:${port}`) });
  database = new pg.Client({ connectionString: DATABASE_URL });
  await database.connect();
});

test.afterAll(async () => {
  await nginx?.stop();
  await Promise.all(apps.map((app) => app.stop()));
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  await database?.end();
  await smtp.stop();
  psql(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

test("an edit made through one process is seen at once through the other; links name nginx's public URL", async () => {
  const token = await demoToken(apps[0].url, "alice");
  const headers = { Authorization: `Token ${token}`, "Content-Type": "application/json" };
  const mine = (await (await fetch(`${apps[0].url}/api/v1/images?created_by=alice&page_size=1`, { headers })).json()).results[0] as { id: string };
  const before = await fetch(`${apps[1].url}/api/v1/images/${mine.id}`, { headers });
  const edited = await fetch(`${apps[0].url}/api/v1/images/${mine.id}`, {
    method: "PATCH",
    headers: { ...headers, "If-Match": before.headers.get("etag")! },
    body: JSON.stringify({ description: "Edited through the first process." }),
  });
  expect(edited.status).toBe(200);
  const after = await fetch(`${apps[1].url}/api/v1/images/${mine.id}`, { headers });
  expect((await after.json()).description).toBe("Edited through the first process.");
  expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));

  // Through nginx: pagination and Location carry the public URL, and the request id is nginx's.
  const listed = await fetch(`${PUBLIC_URL}/api/v1/images?page_size=2`);
  expect((await listed.json()).next).toBe(`${PUBLIC_URL}/api/v1/images?page_size=2&page=2`);
  expect(listed.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  // The first of alice's instances with no open request (409 for the others).
  let created: Response | undefined;
  for (const instance of (await (await fetch(`${PUBLIC_URL}/api/v1/instances?page_size=100`, { headers })).json()).results) {
    created = await fetch(`${PUBLIC_URL}/api/v1/provider/${instance.provider}/identity/${instance.identity}/request_image/`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "Through nginx", instance: instance.alias, description: "Behind the proxy.", vis: "private" }),
    });
    if (created.status !== 409) break;
  }
  expect(created!.status).toBe(201);
  expect(created!.headers.get("location")).toBe(`${PUBLIC_URL}/api/v1/image_requests/${(await created!.json()).id}`);
  // Metrics are scraped from each process on loopback, not through the balancer.
  expect((await fetch(`${PUBLIC_URL}/api/metrics`)).status).toBe(404);
  expect((await fetch(`${apps[1].url}/api/metrics`)).status).toBe(200);
  expect((await fetch(`${apps[1].url}/api/metrics`, { headers: { "X-Forwarded-For": "198.51.100.4" } })).status).toBe(404);
});

test("sign-in throttling counts failures across both processes", async () => {
  // 21 failures from one client through nginx, which sends them to both processes in turn.
  for (let i = 0; i < 21; i++) expect(await signInFrom(PUBLIC_URL, "127.0.0.9", `nobody${i}`, "wrong")).toBe(401);
  expect(await signInFrom(PUBLIC_URL, "127.0.0.9", "carol", "carol-demo")).toBe(429);
  expect(await signInFrom(PUBLIC_URL, "127.0.0.10", "carol", "carol-demo")).toBe(201);
  // Each process saw about half of them (the address in its log is the one nginx saw).
  const served = apps.map((app) => app.logs.filter((line) => line.event === "request" && line.address === "127.0.0.9").length);
  expect(Math.min(...served)).toBeGreaterThanOrEqual(10);
});

test("the mixed load through nginx loses nothing while each process is stopped with SIGTERM and started again", async () => {
  test.setTimeout(240_000);
  let loading = true;
  const started = performance.now();
  const load = runMixedLoad({ url: PUBLIC_URL, connections: 16, keepGoing: () => loading });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const restarts: { port: number; exitCode: number | null; stopMs: number; startMs: number }[] = [];
  for (const index of [0, 1]) {
    await pause(4_000);
    const stopping = apps[index];
    const signalled = performance.now();
    const exitCode = new Promise<number | null>((resolve) => stopping.process.once("exit", resolve));
    await stopping.stop("SIGTERM");
    const stopMs = performance.now() - signalled;
    apps[index] = await startApp(index);
    restarts.push({ port: APP_PORTS[index], exitCode: await exitCode, stopMs: Math.round(stopMs), startMs: Math.round(performance.now() - signalled - stopMs) });
    // Both processes answer again before the next is stopped.
    await pause(2_000);
  }
  loading = false;
  const result = await load;
  const { overall, byOperation } = loadFigures(result, (performance.now() - started) / 1000);
  const audit = await auditWrites(result, async (sql) => (await database.query(sql)).rows);
  const nginxErrors = readFileSync(nginx.errorLog, "utf8").split("\n").filter((line) => line.includes("[error]"));
  // Connections refused by a stopped process, or reset with a request in them by a stopping one: sent to the other process.
  const retried = nginxErrors.filter((line) => line.includes("upstream")).length;
  console.table(restarts);
  console.table(byOperation);
  console.table({ ...overall, ...audit, nginx_retries: retried });

  expect(restarts.map((restart) => restart.exitCode)).toEqual([0, 0]);
  expect(result.errorSamples).toEqual([]);
  expect(result.serverErrorSamples, nginxErrors.join("\n")).toEqual([]);
  expect(overall.errors_5xx).toBe(0);
  expect(result.foreignLinks).toEqual([]);
  expect(audit).toEqual({ lost_writes: 0, duplicated_writes: 0 });
  expect(overall.acknowledged_edits + overall.acknowledged_requests + overall.acknowledged_moves).toBeGreaterThan(50);
});

test("each background job runs once, whatever the number of processes claiming them", async () => {
  test.setTimeout(120_000);
  const pending = async () => Number((await database.query("SELECT count(*) AS n FROM outbox_jobs WHERE kind = 'email' AND status = 'pending'")).rows[0].n);
  await expect.poll(pending, { timeout: 90_000, intervals: [500] }).toBe(0);
  const jobs = (await database.query("SELECT payload, status, attempts, claimed_by FROM outbox_jobs WHERE kind = 'email'")).rows as { payload: string; status: string; attempts: number; claimed_by: string }[];
  expect(jobs.length).toBeGreaterThan(20);
  expect(jobs.filter((job) => job.status !== "done" || job.attempts !== 1)).toEqual([]);
  // The worker process is still up, and the jobs went to more than one claiming process.
  expect(worker.exitCode).toBeNull();
  expect(new Set(jobs.map((job) => job.claimed_by.split("/")[0])).size).toBeGreaterThanOrEqual(2);
  const sent = smtp.received.map((message) => message.mail.messageId);
  expect(sent.length).toBe(new Set(sent).size);
  expect(new Set(sent)).toEqual(new Set(jobs.map((job) => JSON.parse(job.payload).messageId as string)));
});
