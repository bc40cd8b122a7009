// npm run db:migration -- <name>: writes the SQLite and PostgreSQL migrations that take the
// schema as last committed to prisma/schema.prisma as it is now, with `prisma migrate diff`
// (datamodel to datamodel: the only diff Prisma's JS schema engine runs offline).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrationsFolder } from "../lib/db/migrate";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "./lib/postgres-schema";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const current = readFileSync(SQLITE_SCHEMA, "utf8");
writeFileSync(POSTGRES_SCHEMA, postgresSchema(current));
const committed = execFileSync("git", ["show", `HEAD:${SQLITE_SCHEMA}`], { encoding: "utf8" });
const scratch = mkdtempSync(path.join(tmpdir(), "atmosphere-migration-"));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const kind of ["sqlite", "postgresql"] as const) {
  const folder = migrationsFolder(kind);
  const previous = path.join(scratch, `${kind}.prisma`);
  writeFileSync(previous, kind === "sqlite" ? committed : postgresSchema(committed));
  const from = readdirSync(folder).length > 0 ? ["--from-schema-datamodel", previous] : ["--from-empty"];
  const target = kind === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA;
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", target, "--script"], {
    encoding: "utf8",
  });
  if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ""))) {
    console.log(`${kind}: no change to migrate`);
    continue;
  }
  const out = path.join(folder, `${stamp}_${name}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "migration.sql"), sql);
  console.log(`${kind}: wrote ${out}/migration.sql`);
}
