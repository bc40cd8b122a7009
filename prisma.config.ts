import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFileUrl } from "./lib/database-url";

// The JS schema engine with a driver adapter: the CLI then needs no native engine download,
// so generate, migrate diff and migrate status work on an air-gapped machine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqliteFileUrl() });
  },
});
