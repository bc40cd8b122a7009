// The OpenStack tests' world: the real Keystone and Glance the global setup started, the catalog's
// fixture users mapped to its projects, and the outbox run as the app's worker runs it.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { createDb, db } from "../../lib/db/client";
import { outboxHandlers } from "../../lib/outbox/handlers";
import { runDueJobs } from "../../lib/outbox/worker";
import { OPERATOR } from "../../lib/providers/actor";
import { addProvider } from "../../lib/providers/add-provider";
import { mapIdentity } from "../../lib/providers/map-identity";
import { syncNow } from "../../lib/providers/sync/sync-now";
import { seedFixture, type Fixture } from "../fixtures";
import { deleteAllImages, signInAs, type GlanceUser } from "../openstack-client";

export function openStackEnv(): Record<string, string> {
  const env = inject("openstack");
  if (!env) throw new Error("Keystone and Glance were not started: the global setup starts them when the run includes tests/openstack.");
  return env;
}

export interface Cloud {
  env: Record<string, string>;
  admin: GlanceUser;
  alice: GlanceUser;
  bob: GlanceUser;
  /** One daemon down (an outage) and up again, with the project's script. */
  stopService(name: "keystone" | "glance-api"): Promise<void>;
  startService(name: "keystone" | "glance-api"): Promise<void>;
}

const devStack = promisify(execFile);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * One test file at a time uses the stack: each sync reads all of Glance, and each file starts by
 * emptying it. The lock is a folder in the stack's own; one left by a process that died is taken over.
 */
async function holdGlance(env: Record<string, string>) {
  const lock = path.join(env.OSDEV_DIR, "test-file-lock");
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSync(path.join(lock, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  releaseGlance = () => rmSync(lock, { recursive: true, force: true });
}

let releaseGlance = () => {};
// Registered when a test file imports this module, so it runs when that file is done.
afterAll(() => releaseGlance());

/** Signs the tests' three users in, once this file holds the stack (call it from beforeAll, with a long timeout). */
export async function connectCloud(): Promise<Cloud> {
  const env = openStackEnv();
  await holdGlance(env);
  const [admin, alice, bob] = await Promise.all([signInAs(env, "admin"), signInAs(env, "alice"), signInAs(env, "bob")]);
  const service = (command: string) => async (name: string) => void (await devStack("bash", ["scripts/openstack/dev-stack.sh", command, env.OSDEV_DIR, name]));
  return { env, admin, alice, bob, stopService: service("stop"), startService: service("start") };
}

let providers = 0;

/** A new openstack provider on the stack, with alice and bob mapped to their projects: its id. */
export async function addCloudProvider(cloud: Cloud, world: Fixture, overrides: Record<string, unknown> = {}, check = true): Promise<number> {
  const { id } = await addProvider(
    OPERATOR,
    {
      name: `Test cloud ${++providers}`,
      auth_url: cloud.env.OS_AUTH_URL,
      region: cloud.env.OS_REGION_NAME,
      credential_id: cloud.env.OSDEV_ADMIN_APP_CRED_ID,
      credential_secret: cloud.env.OSDEV_ADMIN_APP_CRED_SECRET,
      ...overrides,
    },
    { check },
  );
  await mapIdentity(OPERATOR, { username: world.users.alice.username, provider: id, project_id: cloud.env.OSDEV_ALICE_PROJECT_ID });
  await mapIdentity(OPERATOR, { username: world.users.bob.username, provider: id, project_id: cloud.env.OSDEV_BOB_PROJECT_ID });
  return id;
}

export const sync = (providerId: number) => syncNow(OPERATOR, providerId);

/** The app's worker, as another process would run it: its own connection. */
export const workerDb = createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 });

/** Runs the outbox until nothing is due at `clock` (default: now); what the passes did. */
export async function deliver(clock: () => Date = () => new Date()) {
  const total = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
  for (;;) {
    const pass = await runDueJobs(workerDb, { handlers: outboxHandlers(), clock, log: () => {} });
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += pass[key];
    if (pass.claimed === 0) return total;
  }
}

export const catalogVersion = async () => (await db.catalogVersion.findUnique({ where: { id: 1 } }))?.version ?? 0;

/** The catalog image a Glance image became, with its version's machine. */
export async function machineOf(glanceId: string) {
  return db.machine.findUnique({ where: { alias: glanceId }, include: { image: { include: { tags: { include: { tag: true } }, createdBy: true } } } });
}

/**
 * A test file's world: the fixture users, the stack held for the file, and Glance and the outbox
 * emptied before each test. Read its fields inside tests and hooks.
 */
export function cloudWorld(): { world: Fixture; cloud: Cloud } {
  const state = {} as { world: Fixture; cloud: Cloud };
  beforeAll(async () => {
    state.world = await seedFixture();
    state.cloud = await connectCloud();
  }, 900_000);
  beforeEach(async () => {
    await deleteAllImages(state.cloud.admin);
    await db.outboxJob.deleteMany();
  });
  return state;
}
