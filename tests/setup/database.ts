import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { trustPeerAddressHeader } from "../../lib/http/peer-address";
import { copyOfTemplate } from "./test-database";

process.env.DATABASE_URL = await copyOfTemplate(inject("templateUrl"), randomBytes(6).toString("hex"));
process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough-for-hs512";
process.env.BCRYPT_COST = "4";
// Provider secrets are sealed with it (PostgreSQL has no key file to fall back on).
process.env.SECRETS_KEY ??= randomBytes(32).toString("hex");
// The tests call route handlers as our server (scripts/serve.ts) would, peer address header included.
trustPeerAddressHeader();
