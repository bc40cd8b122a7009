// npm run user:sign-out -- --username NAME [--revoke-tokens]
// Ends every session of the user at once, in every browser (and with --revoke-tokens their API
// tokens too): for taking staff away from someone now, rather than at their next sign-in.
import { parseArgs } from "node:util";
import { endAllSessions } from "../lib/auth/session";
import { db } from "../lib/db/client";
import { runCommand } from "./lib/command";

const { values } = parseArgs({ options: { username: { type: "string" }, "revoke-tokens": { type: "boolean", default: false } } });
if (!values.username) {
  console.error("usage: npm run user:sign-out -- --username NAME [--revoke-tokens]");
  process.exit(2);
}
await runCommand(async () => {
  const user = await db.user.findUnique({ where: { username: values.username }, select: { id: true } });
  if (!user) throw new Error(`No user named ${values.username}.`);
  const sessions = await endAllSessions(user.id);
  const tokens = values["revoke-tokens"] ? (await db.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } })).count : 0;
  console.log(`Ended ${sessions} session(s) of ${values.username}${values["revoke-tokens"] ? ` and revoked ${tokens} token(s)` : ""}.`);
});
