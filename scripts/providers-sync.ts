// npm run providers:sync [-- --provider ID]: reads every active openstack provider's Glance (or
// one provider's) into the catalog now, and prints what each sync found. Exits 1 if one failed.
import { parseArgs } from "node:util";
import { db } from "../lib/db/client";
import { AppError } from "../lib/errors";
import { OPERATOR } from "../lib/providers/actor";
import { syncNow } from "../lib/providers/sync/sync-now";
import { runCommand } from "./lib/command";

const { values } = parseArgs({ options: { provider: { type: "string" } } });

await runCommand(async () => {
  if (values.provider !== undefined && !/^\d+$/.test(values.provider)) throw new Error("--provider takes a provider's id (a number).");
  const ids = values.provider
    ? [Number(values.provider)]
    : (await db.provider.findMany({ where: { kind: "openstack", active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
  if (ids.length === 0) console.log("No active openstack provider: add one with npm run provider:add.");
  let failed = 0;
  for (const id of ids) {
    let result;
    try {
      result = await syncNow(OPERATOR, id);
    } catch (error) {
      // Being synced by another process (409), say: the others are still worth syncing.
      if (!(error instanceof AppError)) throw error;
      failed++;
      console.error(`${id}: ${error.detail}`);
      continue;
    }
    const took = `${(result.durationMs / 1000).toFixed(1)} s`;
    if (result.error) {
      failed++;
      console.error(`${result.providerName} (${id}): failed after ${took}: ${result.error}`);
    } else {
      console.log(
        `${result.providerName} (${id}): ${result.seen} images seen, ${result.added} added, ${result.updated} updated, ${result.retired} retired, ${result.restored} restored, ${result.skipped} skipped in ${took}.`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
});
