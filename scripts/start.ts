// `npm start`: prepares the database, builds once when there is no build, then serves.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { authSecret } from "../lib/auth/secret";
import { DEMO_USERS } from "../lib/seed/demo-data";
import { serverArguments, serverNodeOptions } from "./lib/server";
import { prepareDatabase } from "../lib/db/prepare";

await prepareDatabase();
// next build and next start must sign cookies with the same key; settle it before either runs.
process.env.NEXTAUTH_SECRET = authSecret();

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: building (about a minute, once)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, serverArguments(), {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NODE_ENV: "production", PORT: port, NODE_OPTIONS: serverNodeOptions() },
});
let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  // Once, when the server says it listens (its log line of event "listening").
  if (!announced && chunk.toString().includes('"event":"listening"')) {
    announced = true;
    console.log(`\nAtmosphere Images is running at http://localhost:${port}`);
    console.log("Demo sign-ins (username / password):");
    for (const user of DEMO_USERS) console.log(`  ${user.username} / ${user.password}${user.isStaff ? "  (staff)" : ""}`);
    console.log(`API: http://localhost:${port}/api/v1/images\n`);
  }
});
// SIGTERM is passed on; Ctrl-C's SIGINT reaches the server itself (one process group).
process.on("SIGTERM", () => server.kill("SIGTERM"));
process.on("SIGINT", () => {});
server.on("exit", (code) => process.exit(code ?? 0));
