import "server-only";
import { configuredOrigin } from "../../http/public-origin";
import { oidcSettings } from "./settings";

const DISCOVERY_TIMEOUT_MS = 5_000;

/**
 * Where to send a browser whose session came from the institution, so that signing out here
 * signs it out there too (RP-initiated logout): the provider's `end_session_endpoint` with our
 * client id and the public URL to come back to; null when the provider offers none, or cannot be
 * reached (then only the session here ends, as with a local sign-in).
 */
export async function providerSignOutUrl(): Promise<string | null> {
  const settings = oidcSettings();
  const home = configuredOrigin();
  if (!settings || !home) return null;
  let endpoint: unknown;
  try {
    const discovery = await fetch(`${settings.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    endpoint = discovery.ok ? ((await discovery.json()) as { end_session_endpoint?: unknown }).end_session_endpoint : null;
  } catch (error) {
    console.warn(`Signing out of ${settings.name} skipped: its discovery document could not be read (${(error as Error).message}).`);
    return null;
  }
  if (typeof endpoint !== "string" || !URL.canParse(endpoint)) return null;
  const url = new URL(endpoint);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${home}/`);
  return url.toString();
}
