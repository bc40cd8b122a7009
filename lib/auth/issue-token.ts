import "server-only";
import type { NewTokenJson } from "../api/response-schemas";
import { unauthorized } from "../errors";
import { tokenRequestSchema } from "../validations/tokens";
import { createApiToken } from "./api-tokens";
import { verifyCredentials } from "./credentials";

const DAY = 24 * 60 * 60 * 1000;

/** POST /auth/token: an API token for a username and password (Atmosphere's clients sign in this way). */
export async function issueToken(body: unknown, address: string | null): Promise<NewTokenJson> {
  const input = tokenRequestSchema.parse(body);
  const user = await verifyCredentials(input.username, input.password, address);
  // One answer for both mistakes: which one it was would tell who has an account.
  if (!user) throw unauthorized("That username and password do not match an account.");
  const expiresAt = input.expires_in_days === null ? null : new Date(Date.now() + input.expires_in_days * DAY);
  const { token, summary } = await createApiToken(user.id, input.name, expiresAt);
  return { token, name: summary.name, prefix: summary.prefix, created_at: summary.createdAt.toISOString(), expires_at: summary.expiresAt?.toISOString() ?? null };
}
