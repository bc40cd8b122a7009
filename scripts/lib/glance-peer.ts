// The benchmark's peer: OpenStack Glance (the image service our catalog sits in front of),
// started with the tests' own Keystone and Glance and holding as many images as our catalog.
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { devStack, startOpenStack, type OpenStackStack } from "./openstack-stack";

const run = promisify(execFile);

export interface GlancePeer {
  name: string;
  version: string;
  /** Where Glance keeps its catalog, and with how many API workers it serves it. */
  setup: string;
  url: string;
  /** What a client sends to list images: Keystone's token for the admin project. */
  headers: Record<string, string>;
  /**
   * Resolves once Glance answers a list in under a second again. Requests a load generator
   * gave up on (the warm-up's last ones, its timeouts) stay queued in Glance's workers, which
   * serve them in turn: a run started before they are done measures what is left of them.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const SETTLED_MS = 1000;
const SETTLING_LIMIT_MS = 120_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const PAUSE_MS = 250;

async function settled(url: string, headers: Record<string, string>): Promise<void> {
  const until = Date.now() + SETTLING_LIMIT_MS;
  let last = "no answer yet";
  while (Date.now() < until) {
    const started = Date.now();
    try {
      const answer = await fetch(`${url}/v2/images?limit=20`, { headers, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      await answer.arrayBuffer();
      if (answer.ok && Date.now() - started < SETTLED_MS) return;
      last = answer.ok ? `a list in ${Date.now() - started} ms` : `status ${answer.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  throw new Error(`Glance did not answer a list in under ${SETTLED_MS} ms within ${SETTLING_LIMIT_MS / 1000} s (last: ${last})`);
}

const MARIADB_DATABASE = "atmosphere_bench_glance";
const mariaDb = (sql: string) => run("mysql", ["-uroot", "-h127.0.0.1", "-e", sql]);

/** An empty MariaDB database for Glance, as production Glance runs on MySQL; null when there is no MariaDB to use. */
async function emptyMariaDb(): Promise<string | null> {
  try {
    await mariaDb(`DROP DATABASE IF EXISTS ${MARIADB_DATABASE}; CREATE DATABASE ${MARIADB_DATABASE}`);
    return `mysql+pymysql://root@127.0.0.1/${MARIADB_DATABASE}`;
  } catch {
    return null;
  }
}

/**
 * Starts Keystone and Glance on ports of their own, Glance with as many workers as there are
 * cores (its own default) on MariaDB when the machine has it (else SQLite, and the setup says
 * so), and fills it with `images` public images. They are written into Glance's database
 * (`dev-stack.sh bulk`): through its API, at about 90 ms an image here, 100,000 would take two
 * and a half hours. Glance then lists them as its own.
 */
export async function startGlancePeer(images: number): Promise<GlancePeer> {
  const database = await emptyMariaDb();
  const workers = String(os.cpus().length);
  const stack: OpenStackStack = await startOpenStack({
    keystonePort: 15200,
    glancePort: 19492,
    settings: { OSDEV_GLANCE_WORKERS: workers, ...(database ? { OSDEV_GLANCE_DATABASE: database } : {}) },
  });
  const stop = async () => {
    await stack.stop();
    if (database) await mariaDb(`DROP DATABASE IF EXISTS ${MARIADB_DATABASE}`);
  };
  try {
    await devStack(["bulk", stack.dir, String(images), "bench"]);
    const token = (await devStack(["token", stack.dir, "admin"])).stdout.trim();
    const version = (await run("dpkg-query", ["-W", "-f=${Version}", "glance-api"])).stdout.trim();
    const setup = `${database ? "MariaDB" : "SQLite (no MariaDB on this machine)"}, ${workers} API workers`;
    const url = "http://127.0.0.1:19492";
    const headers = { "X-Auth-Token": token };
    return { name: "OpenStack Glance", version, setup, url, headers, settled: () => settled(url, headers), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
