import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { onPostgres, postgresUrl, removeSqliteFolder, scratchFolder, testKind } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateUrl: string;
  }
}

const prefix = `atmosphere_test_${process.pid}`;

export default async function setup(project: TestProject) {
  let template: string;
  if (testKind() === "sqlite") {
    template = `file:${scratchFolder()}/template.db`;
  } else {
    await onPostgres((client) => client.query(`CREATE DATABASE "${prefix}_template"`));
    template = postgresUrl(`${prefix}_template`);
  }
  await migrate(template);
  project.provide("templateUrl", template);
  console.log(`tests run on ${testKind()}`);

  return async () => {
    if (testKind() === "sqlite") return removeSqliteFolder(template);
    await onPostgres(async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    });
  };
}
