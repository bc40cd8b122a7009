// Debian's nginx in front of app processes, as a test or a benchmark starts it: a configuration
// of its own in a scratch folder, run in the foreground, stopped by its pid.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { whenAnswering, type ChildService } from "./child-service";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export type RunningNginx = ChildService;


export async function startNginx({ port, upstreams }: { port: number; upstreams: string[] }): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}): apt-get install nginx`);
  const folder = mkdtempSync(path.join(tmpdir(), "atmosphere-nginx-"));
  // Run as root, nginx's workers drop to `nobody`, which must reach the temporary folders in here.
  chmodSync(folder, 0o755);
  const config = path.join(folder, "nginx.conf");
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
  upstream app { ${upstreams.map((upstream) => `server ${upstream};`).join(" ")} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      # The address nginx saw, appended to what the client sent; the host with its port (tests
      # listen on high ports), as the client asked for it.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
    }
  }
}
`,
  );
  // -e: the error log before the configuration is read (Debian's default path may not be writable).
  const child = spawn(NGINX, ["-c", config, "-p", folder, "-e", path.join(folder, "error.log")], { stdio: ["ignore", "ignore", "inherit"] });
  return whenAnswering(child, { url: `http://127.0.0.1:${port}`, probe: "/", name: `nginx (see ${folder}/error.log)`, timeoutMs: 10_000, stopSignal: "SIGQUIT" });
}
