import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { startOpenStack, type OpenStackStack } from "../../scripts/lib/openstack-stack";
import { onPostgres, postgresUrl, removeSqliteFolder, scratchFolder, testKind } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateUrl: string;
    /** dev-stack.sh's exports (OS_AUTH_URL…), and OSDEV_DIR; null when the run has no OpenStack tests. */
    openstack: Record<string, string> | null;
  }
}

const prefix = `atmosphere_test_${process.pid}`;

/**
 * The real Keystone and Glance start (about 20 s) when the run includes tests/openstack: with no
 * file filter on the command line, or one that names them.
 */
function runIncludesOpenStack(): boolean {
  const run = process.argv.indexOf("run");
  const filters = process.argv.slice(run + 1).filter((arg) => !arg.startsWith("-"));
  return run === -1 || filters.length === 0 || filters.some((filter) => "tests/openstack/".includes(filter) || filter.includes("openstack"));
}

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

  let stack: OpenStackStack | null = null;
  if (runIncludesOpenStack()) {
    const started = Date.now();
    stack = await startOpenStack({ keystonePort: Number(process.env.TEST_KEYSTONE_PORT ?? 15000), glancePort: Number(process.env.TEST_GLANCE_PORT ?? 19292) });
    console.log(`Keystone and Glance up in ${((Date.now() - started) / 1000).toFixed(1)} s (${stack.dir})`);
  }
  project.provide("openstack", stack ? { ...stack.env, OSDEV_DIR: stack.dir } : null);

  return async () => {
    await stack?.stop();
    if (testKind() === "sqlite") return removeSqliteFolder(template);
    await onPostgres(async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    });
  };
}
