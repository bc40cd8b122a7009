// Part of `npm run build`: compiles the commands a production install runs (the server, the
// worker, the database preparation and the admin commands) into dist/*.mjs, so that they run on
// plain Node after `npm prune --omit=dev` (no tsx, no TypeScript). Packages stay in node_modules
// (they are dependencies); only the project's own TypeScript and the generated Prisma client are
// bundled.
import { rmSync } from "node:fs";
import { build, type Plugin } from "esbuild";

export const BUILT_COMMANDS = [
  "start",
  "serve",
  "prepare-database",
  "worker",
  "create-user",
  "create-token",
  "provider-add",
  "identity-add",
  "providers-sync",
  "sign-out-user",
] as const;

// `server-only` guards the data layer against being bundled for the browser; these bundles are
// server code, so it is what its react-server export is: nothing.
const serverOnlyIsNothing: Plugin = {
  name: "server-only-is-nothing",
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only-is-nothing" }));
    builder.onLoad({ filter: /.*/, namespace: "server-only-is-nothing" }, () => ({ contents: "", loader: "js" }));
  },
};

const started = performance.now();
// Nothing of an earlier build is left behind (a command renamed or removed since).
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(BUILT_COMMANDS.map((command) => [command, `scripts/${command}.ts`])),
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  plugins: [serverOnlyIsNothing],
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`Compiled ${BUILT_COMMANDS.length} commands into dist/ in ${Math.round(performance.now() - started)} ms.`);
