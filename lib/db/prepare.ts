// Creates the database when it does not exist, applies pending migrations, and fills the demo
// catalog when it is empty. Safe to run any number of times, also by several processes at once.
import { databaseKind, databaseUrl } from "../database-url";
import { seedDemoData } from "../seed/demo-data";
import { createDb } from "./client";
import { migrate } from "./migrate";

export async function prepareDatabase(url = databaseUrl()): Promise<void> {
  const applied = await migrate(url);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s) to the ${databaseKind(url)} database.`);
  if (process.env.SEED_DEMO_DATA === "false") return;
  const db = createDb(url);
  try {
    if (await seedDemoData(db)) console.log("Filled the database with the demo catalog.");
  } finally {
    await db.$disconnect();
  }
}
