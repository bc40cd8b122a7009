// npm run user:create -- --username NAME --email ADDRESS [--name "Display Name"] [--staff] [--password P]
// Without --password it is read from the ATMOSPHERE_PASSWORD variable, so it stays out of shell history.
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { hashPassword } from "../lib/auth/passwords";
import { USERNAME_PATTERN } from "../lib/validations/common";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    staff: { type: "boolean", default: false },
    password: { type: "string" },
  },
});
const password = values.password ?? process.env.ATMOSPHERE_PASSWORD;
if (!values.username || !USERNAME_PATTERN.test(values.username) || !values.email || !password || password.length < 8) {
  console.error("usage: npm run user:create -- --username NAME --email ADDRESS [--name NAME] [--staff] --password P (8+ characters)");
  process.exit(2);
}
const db = createDb();
try {
  const user = await db.user.create({
    data: {
      username: values.username,
      email: values.email,
      displayName: values.name ?? values.username,
      isStaff: values.staff,
      passwordHash: await hashPassword(password),
    },
  });
  console.log(`Created ${user.isStaff ? "staff " : ""}user ${user.username} (id ${user.id}).`);
} catch (error) {
  console.error((error as { code?: string }).code === "P2002" ? `The username ${values.username} is taken.` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
