// The benchmark's peer: OpenStack Glance (the image service our catalog sits in front of),
// started with the tests' own Keystone and Glance and holding as many images as our catalog.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { startOpenStack, type OpenStackStack } from "./openstack-stack";

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, "../openstack/dev-stack.sh");

export interface GlancePeer {
  name: string;
  version: string;
  url: string;
  /** What a client sends to list images: Keystone's token for the admin project. */
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts Keystone and Glance on ports of their own and fills Glance with `images` public images.
 * They are written into Glance's database (`dev-stack.sh bulk`): through its API, at about 90 ms
 * an image here, 100,000 would take two and a half hours. Glance then lists them as its own.
 */
export async function startGlancePeer(images: number): Promise<GlancePeer> {
  const stack: OpenStackStack = await startOpenStack({ keystonePort: 15200, glancePort: 19492 });
  try {
    await run("bash", [SCRIPT, "bulk", stack.dir, String(images), "bench"], { maxBuffer: 1024 * 1024 });
    const token = (await run("bash", [SCRIPT, "token", stack.dir, "admin"])).stdout.trim();
    const version = (await run("dpkg-query", ["-W", "-f=${Version}", "glance-api"])).stdout.trim();
    return { name: "OpenStack Glance", version, url: "http://127.0.0.1:19492", headers: { "X-Auth-Token": token }, stop: () => stack.stop() };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
