// A real Keystone and Glance for the test suites, started with the project's own
// scripts/openstack/dev-stack.sh in a scratch folder (installed with apt-get when missing), and
// stopped by the process groups it recorded.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, "../openstack/dev-stack.sh");

export interface OpenStackStack {
  dir: string;
  /** Everything dev-stack.sh exported: OS_AUTH_URL, OSDEV_ADMIN_APP_CRED_ID… */
  env: Record<string, string>;
  /** One daemon down (an outage) and up again. */
  stopService(name: "keystone" | "glance-api"): Promise<void>;
  startService(name: "keystone" | "glance-api"): Promise<void>;
  stop(): Promise<void>;
}

/** Runs one dev-stack.sh command (`bulk DIR N PREFIX`, `token DIR admin`…); its output. */
export const devStack = (args: string[], env: NodeJS.ProcessEnv = process.env) => run("bash", [SCRIPT, ...args], { env, maxBuffer: 16 * 1024 * 1024 });

/** Installs the packages when keystone or glance is missing; that needs root, and says so. */
async function ensureInstalled() {
  if (existsSync("/usr/bin/keystone-manage") && existsSync("/usr/bin/glance-api") && existsSync("/usr/bin/uwsgi")) return;
  if (process.getuid?.() !== 0) {
    throw new Error("Keystone and Glance are not installed, and installing them needs root: run `sudo bash scripts/openstack/dev-stack.sh install` once.");
  }
  try {
    await devStack(["install"]);
  } catch (error) {
    throw new Error(`Could not install Keystone and Glance with apt-get (scripts/openstack/dev-stack.sh install): ${(error as { stderr?: string }).stderr?.slice(-2000) ?? error}`);
  }
}

export const parseExports = (text: string) => Object.fromEntries([...text.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));

/** Starts a stack on the given ports (the defaults leave 5000 and 9292 to a developer's own). */
export async function startOpenStack({ keystonePort = 15000, glancePort = 19292, settings = {} as Record<string, string> } = {}): Promise<OpenStackStack> {
  await ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), "atmosphere-openstack-"));
  // settings: more of dev-stack.sh's OSDEV_* variables (Glance's workers and database, say).
  const env = { ...process.env, ...settings, OSDEV_KEYSTONE_PORT: String(keystonePort), OSDEV_GLANCE_PORT: String(glancePort) };
  try {
    await devStack(["up", dir], env);
  } catch (error) {
    await devStack(["down", dir]).catch(() => undefined);
    throw new Error(`Keystone and Glance did not start (scripts/openstack/dev-stack.sh up): ${(error as { stderr?: string }).stderr?.slice(-2000) ?? error}`);
  }
  return {
    dir,
    env: parseExports(readFileSync(path.join(dir, "env.sh"), "utf8")),
    stopService: async (name) => void (await devStack(["stop", dir, name])),
    startService: async (name) => void (await devStack(["start", dir, name])),
    async stop() {
      await devStack(["down", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
