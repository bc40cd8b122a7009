// Debian's nginx in front of app processes, as a test or a benchmark starts it: a configuration
// of its own in a scratch folder, run in the foreground, stopped by its pid.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { whenAnswering, type ChildService } from "./child-service";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

/** `errorLog`: where nginx says which upstream failed and what it retried. */
export type RunningNginx = ChildService & { errorLog: string };

/** The locations of the shipped configuration (deploy/nginx): the tests run behind what ships. */
const PROXY_SNIPPET = path.resolve(import.meta.dirname, "../../deploy/nginx/atmosphere-images-proxy.conf");

export async function startNginx({ port, upstreams }: { port: number; upstreams: string[] }): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}): apt-get install nginx`);
  const folder = mkdtempSync(path.join(tmpdir(), "atmosphere-nginx-"));
  // Run as root, nginx's workers drop to `nobody`, which must reach the temporary folders in here.
  chmodSync(folder, 0o755);
  const config = path.join(folder, "nginx.conf");
  // The shipped site file's upstream and server, on a loopback port, without TLS.
  writeFileSync(
    config,
    `daemon off;
worker_processes 1;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${folder}/body;
  proxy_temp_path ${folder}/proxy;
  upstream atmosphere_images { zone atmosphere_images 64k; ${upstreams.map((upstream) => `server ${upstream} max_fails=1 fail_timeout=5s;`).join(" ")} }
  server {
    listen 127.0.0.1:${port};
    include ${PROXY_SNIPPET};
  }
}
`,
  );
  // -e: the error log before the configuration is read (Debian's default path may not be writable).
  const errorLog = path.join(folder, "error.log");
  const child = spawn(NGINX, ["-c", config, "-p", folder, "-e", errorLog], { stdio: ["ignore", "ignore", "inherit"] });
  const service = await whenAnswering(child, { url: `http://127.0.0.1:${port}`, probe: "/", name: `nginx (see ${errorLog})`, timeoutMs: 10_000, stopSignal: "SIGQUIT" });
  return { ...service, errorLog };
}
