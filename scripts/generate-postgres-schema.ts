// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the one hand-written schema.
// With --check it writes nothing and fails when the committed copy differs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "./lib/postgres-schema";

const expected = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {}
  if (current !== expected) {
    console.error(`${POSTGRES_SCHEMA} is out of date: run \`npm run db:schema\` and commit the result.`);
    process.exit(1);
  }
} else {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, expected);
  console.log(`wrote ${POSTGRES_SCHEMA}`);
}
