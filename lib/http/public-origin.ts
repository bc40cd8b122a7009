import "server-only";
import type { NextRequest } from "next/server";
import { fromTrustedProxy } from "./proxy-trust";

/**
 * The app's public origin from NEXTAUTH_URL (`https://images.example.org`), or null when it is
 * not set. Every absolute URL the app writes starts with it; a path in it is ignored.
 */
export function configuredOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    throw new Error(`NEXTAUTH_URL must be the app's public URL, such as https://images.example.org (got "${configured}")`);
  }
}

/** The last of a proxy header's comma-separated values: the one the nearest proxy wrote. */
const nearest = (value: string | null) => value?.split(",").at(-1)?.trim() || null;

/**
 * The origin a request was made to, as the public sees it: NEXTAUTH_URL; else, behind a trusted
 * proxy (TRUST_PROXY), the scheme and host it forwards; else the address the server listens on.
 * Never the client's own Host header: the answer must not be steerable by whoever asks.
 */
export function requestOrigin(request: NextRequest): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (fromTrustedProxy(request.headers)) {
    const host = nearest(request.headers.get("x-forwarded-host"));
    const scheme = nearest(request.headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
    if (host) {
      try {
        return new URL(`${scheme}://${host}`).origin;
      } catch {
        // Not a host name: fall through to the server's own address.
      }
    }
  }
  return request.nextUrl.origin;
}

/** The request's URL (path and query kept) under its public origin: what `next`, `Link` and `Location` build on. */
export function publicUrl(request: NextRequest, path = request.nextUrl.pathname + request.nextUrl.search): URL {
  return new URL(path, requestOrigin(request));
}
