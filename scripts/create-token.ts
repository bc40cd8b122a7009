// npm run token:create -- --username NAME [--name "what it is for"] [--days N]
// Prints a new API token for the user; it is shown this once and only its hash is kept.
import { parseArgs } from "node:util";
import { createApiToken } from "../lib/auth/api-tokens";
import { db } from "../lib/db/client";

const { values } = parseArgs({
  options: { username: { type: "string" }, name: { type: "string", default: "command line" }, days: { type: "string" } },
});
if (!values.username || (values.days !== undefined && !/^\d+$/.test(values.days))) {
  console.error('usage: npm run token:create -- --username NAME [--name "what it is for"] [--days N]');
  process.exit(2);
}
try {
  const user = await db.user.findUnique({ where: { username: values.username } });
  if (!user) throw new Error(`No user named ${values.username}.`);
  const expiresAt = values.days ? new Date(Date.now() + Number(values.days) * 24 * 60 * 60 * 1000) : null;
  const { token } = await createApiToken(user.id, values.name, expiresAt);
  console.log(token);
  console.error(`Use it as: curl -H "Authorization: Token ${token}" http://localhost:3000/api/v1/images`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
