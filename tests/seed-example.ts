import { SEED_REQUEST_EXAMPLE } from "../lib/api/response-schemas";

/** The seed's example request_image body, as strict JSON, with the caller's own instance and provider. */
export const seedRequestBody = (instance: string, provider: number, name = "My analysis image") => ({
  name,
  ...SEED_REQUEST_EXAMPLE,
  instance,
  provider,
});
