import { type OidcSettings } from "./settings";

/** The parts of the provider's discovery document the app reads itself (next-auth reads the rest). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint?: string;
  end_session_endpoint?: string;
  [key: string]: unknown;
}

const FRESH_MS = 60 * 60 * 1000;
const RETRY_AFTER_FAILURE_MS = 60 * 1000;
const TIMEOUT_MS = 5_000;

interface Entry {
  metadata: ProviderMetadata | null;
  fetchedAt: number;
  pending?: Promise<ProviderMetadata | null>;
}
const cache = new Map<string, Entry>();

const discoveryUrl = (settings: OidcSettings) => `${settings.issuer}/.well-known/openid-configuration`;

async function fetchMetadata(url: string): Promise<ProviderMetadata | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "application/json" } });
    const body = response.ok ? ((await response.json()) as ProviderMetadata) : null;
    return body && typeof body.issuer === "string" ? body : null;
  } catch {
    return null;
  }
}

function refresh(url: string): Promise<ProviderMetadata | null> {
  const entry = cache.get(url);
  if (entry?.pending) return entry.pending;
  const pending = fetchMetadata(url).then((metadata) => {
    // A failed read keeps what was known: the provider's endpoints rarely move.
    cache.set(url, { metadata: metadata ?? cache.get(url)?.metadata ?? null, fetchedAt: metadata ? Date.now() : Date.now() - FRESH_MS + RETRY_AFTER_FAILURE_MS });
    return metadata;
  });
  cache.set(url, { metadata: entry?.metadata ?? null, fetchedAt: entry?.fetchedAt ?? 0, pending });
  return pending;
}

const isStale = (entry: Entry | undefined) => !entry || Date.now() - entry.fetchedAt > FRESH_MS;

/** The provider's discovery document, read at most once an hour; null when it cannot be read now and never was. */
export async function providerMetadata(settings: OidcSettings): Promise<ProviderMetadata | null> {
  const url = discoveryUrl(settings);
  const entry = cache.get(url);
  if (!isStale(entry)) return entry!.metadata;
  return (await refresh(url)) ?? cache.get(url)?.metadata ?? null;
}

/**
 * The origins the browser is sent to for signing in and out (the issuer's, and those of the
 * authorization and end-session endpoints once discovery has been read), for the CSP's
 * form-action. Never waits: a stale or missing document is read again in the background.
 */
export function providerOrigins(settings: OidcSettings): string[] {
  const url = discoveryUrl(settings);
  const entry = cache.get(url);
  if (isStale(entry) && !entry?.pending) void refresh(url);
  const endpoints = [settings.issuer, entry?.metadata?.authorization_endpoint, entry?.metadata?.end_session_endpoint];
  const origins = new Set<string>();
  for (const endpoint of endpoints) {
    if (typeof endpoint !== "string" || !URL.canParse(endpoint)) continue;
    const { protocol, origin } = new URL(endpoint);
    if (protocol === "https:" || protocol === "http:") origins.add(origin);
  }
  return [...origins];
}
