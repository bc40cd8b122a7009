import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { copyOfTemplate } from "./test-database";

process.env.DATABASE_URL = await copyOfTemplate(inject("templateUrl"), randomBytes(6).toString("hex"));
process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough-for-hs512";
process.env.BCRYPT_COST = "4";
