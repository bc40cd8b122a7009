// npm run db:prepare: creates the database, applies pending migrations, fills the demo catalog
// when it is empty (SEED_DEMO_DATA=false leaves it empty).
import { prepareDatabase } from "../lib/db/prepare";

await prepareDatabase();
