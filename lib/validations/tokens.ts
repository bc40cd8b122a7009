import { z } from "zod";
import { line, username } from "./common";

export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;
// Each active token is a live credential: a cap keeps a leaked password or a runaway script
// from minting them without end. Revoked and expired tokens do not count.
export const ACTIVE_TOKENS_MAX = 100;

/** POST /auth/token: a new API token for these credentials. */
export const tokenRequestSchema = z.strictObject({
  username,
  password: z.string({ error: "Must be a string." }).max(1024, "At most 1024 characters."),
  name: line(1, 100).default("API client").meta({ description: "What the token is for, shown in Settings → API tokens." }),
  expires_in_days: z
    .union(TOKEN_EXPIRY_DAYS.map((days) => z.literal(days)) as unknown as [z.ZodLiteral<30>, z.ZodLiteral<90>, z.ZodLiteral<365>], { error: "Must be 30, 90 or 365." })
    .nullable()
    .default(90)
    .meta({ description: "30, 90 or 365 days, or null for a token that does not expire." }),
});
