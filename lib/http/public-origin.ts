import type { NextRequest } from "next/server";

/**
 * The app's public origin from NEXTAUTH_URL (`https://images.example.org`), or null when it is
 * not set. Every absolute URL the app writes starts with it; a path in it is ignored.
 */
export function configuredOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (!configured) return null;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    url = new URL("invalid:");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`NEXTAUTH_URL must be the app's public URL, such as https://images.example.org (got "${configured}")`);
  }
  return url.origin;
}

/**
 * The request's URL (path and query kept) as the public sees it, what `next`, `Link` and
 * `Location` build on: under NEXTAUTH_URL, else the address the server listens on. Never a header
 * of the request (Host, X-Forwarded-Host): what the app writes must not be steerable by whoever
 * asks, and behind a proxy those often carry the client's own text.
 */
export function publicUrl(request: NextRequest, path = request.nextUrl.pathname + request.nextUrl.search): URL {
  return new URL(path, configuredOrigin() ?? request.nextUrl.origin);
}
