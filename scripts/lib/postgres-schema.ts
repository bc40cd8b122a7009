import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

/** The PostgreSQL twin of the hand-written SQLite schema: same models, other provider. */
export function postgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/^\/\/ The one hand-written schema\.[^\n]*\n\/\/[^\n]*\n\n/, "")
    .replace('output     = "../lib/generated/sqlite"', 'output     = "../../lib/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    // The CLI insists on a URL; the app never connects through it (it hands its own
    // DATABASE_URL to the driver adapter), so a fixed one keeps generate free of env vars.
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/atmosphere"');
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schema\`: do not edit by hand.\n\n${replaced}`;
}
