import "server-only";
import { Issuer } from "openid-client";
import { configuredOrigin } from "../../http/public-origin";
import { providerMetadata } from "./discovery";
import { oidcSettings } from "./settings";

/**
 * Where to send a browser whose session came from the institution, so that signing out here
 * signs it out there too (RP-initiated logout): openid-client's end-session URL with the
 * session's ID token as the hint and the public URL to come back to. Null when the provider
 * offers no end_session_endpoint or cannot be reached: then only the session here ends.
 */
export async function providerSignOutUrl(idToken: string): Promise<string | null> {
  const settings = oidcSettings();
  const home = configuredOrigin();
  if (!settings || !home) return null;
  const metadata = await providerMetadata(settings);
  if (!metadata?.end_session_endpoint) return null;
  const client = new new Issuer(metadata).Client({ client_id: settings.clientId, client_secret: settings.clientSecret });
  return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: `${home}/` });
}
