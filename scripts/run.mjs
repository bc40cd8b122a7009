// npm's commands (start, the worker, the admin commands) run through here, so that they work in
// both kinds of install:
// - a development checkout (tsx installed): the TypeScript in scripts/, compiled as it loads;
// - a production install (`npm run build`, then `npm prune --omit=dev`): the bundles that
//   `npm run build` compiled into dist/, with plain Node and no development dependency.
// Plain JavaScript on purpose: it must run before anything is compiled.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [command, ...commandArguments] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, "..");
const bundle = path.join(root, "dist", `${command}.mjs`);

function tsxInstalled() {
  try {
    import.meta.resolve("tsx");
    return true;
  } catch {
    return false;
  }
}

if (tsxInstalled()) {
  // react-server: the data layer is marked server-only, and this is the server.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(root, "scripts", `${command}.ts`), ...commandArguments], { stdio: "inherit" });
  // SIGTERM is passed on; Ctrl-C's SIGINT already reaches the child (the terminal sends it to
  // the whole process group), and this process waits for the child to end.
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  process.on("SIGINT", () => {});
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (existsSync(bundle)) {
  // The command reads its own arguments from process.argv, as if it had been started directly.
  process.argv.splice(1, 2, bundle);
  await import(pathToFileURL(bundle).href);
} else {
  console.error(`dist/${command}.mjs is missing and tsx is not installed: run \`npm run build\` before \`npm prune --omit=dev\`.`);
  process.exit(1);
}
