// Starts the production build on a database of its own, for the soak, crash and speed checks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { whenAnswering, type ChildService } from "./child-service";

/** Stop it with SIGTERM for a clean stop, SIGKILL for a crash. `logs`: its JSON log lines so far. */
export type RunningServer = ChildService & { logs: Record<string, unknown>[] };

/**
 * Node options of the production server. V8 sizes its heap from the machine's memory (4 GB on
 * this 24 GB machine) and grows it lazily under load, to about 550 MB at 32 connections on the
 * catalog page; a 384 MB old space keeps the process near 320 MB for a few percent of throughput.
 */
export const serverNodeOptions = () => [process.env.NODE_OPTIONS, "--max-old-space-size=384"].filter(Boolean).join(" ");

/**
 * The production server in one process: a signal sent to it reaches the server itself. Run the
 * way this code runs: from dist/ when compiled by `npm run build` (a production install has no
 * tsx), else scripts/serve.ts through tsx.
 */
const compiled = path.relative(process.cwd(), fileURLToPath(import.meta.url)).startsWith(`dist${path.sep}`);
export const serverArguments = (fromBuild?: boolean) => ((fromBuild ?? compiled) ? ["dist/serve.mjs"] : ["--import", "tsx", "scripts/serve.ts"]);

/** A fresh SQLite database with the demo catalog, in a folder of its own. */
export function freshDatabase(): string {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "atmosphere-run-")), "atmosphere.db")}`;
  const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare-database.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });
  if (prepared.status !== 0) throw new Error("could not prepare the database");
  return url;
}

export function ensureBuild() {
  if (existsSync(".next/BUILD_ID")) return;
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
}

/** `fromBuild`: the compiled dist/serve.mjs, as a production install and the systemd unit run it. */
export async function startServer({ port, databaseUrl, env = {}, fromBuild }: { port: number; databaseUrl: string; env?: Record<string, string>; fromBuild?: boolean }): Promise<RunningServer> {
  const child = spawn(process.execPath, serverArguments(fromBuild), {
    env: { ...process.env, NODE_OPTIONS: serverNodeOptions(), NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "server-check-secret", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("{")) logs.push(JSON.parse(line));
  });
  const service = await whenAnswering(child, { url: `http://127.0.0.1:${port}`, probe: "/api/ready", name: "the server", timeoutMs: 60_000, ready: (response) => response.ok });
  return { ...service, logs };
}

/** An API token for a demo user, through POST /auth/token. */
export async function demoToken(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: `${username}-demo`, name: "server check" }),
  });
  if (response.status !== 201) throw new Error(`no token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
