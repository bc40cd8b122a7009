import { NextResponse, type NextRequest } from "next/server";
import { providerOrigins } from "./lib/auth/oidc/discovery";
import { oidcSettings } from "./lib/auth/oidc/settings";
import { newCspNonce } from "./lib/http/csp-nonce";
import { configuredOrigin } from "./lib/http/public-origin";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next.js puts it on its own
 * scripts, so no inline script runs without it ('unsafe-inline' is not allowed for scripts).
 */
export function proxy(request: NextRequest) {
  if (isCrossSiteSubmission(request)) {
    return new NextResponse("Cross-site form submissions are refused.", { status: 403, headers: { "Content-Type": "text/plain" } });
  }
  const nonce = newCspNonce();
  const development = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React sets a few style attributes (sizes of generated icons); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // The sign-in and sign-out forms end at the institution's provider (SPEC §10): a browser
    // applies form-action to where a form's answer redirects, too, so the provider's origins
    // (the issuer's, and those of its authorization and end-session endpoints) are allowed.
    `form-action 'self'${institutionOrigin()}`,
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function institutionOrigin(): string {
  try {
    const settings = oidcSettings();
    return settings ? providerOrigins(settings).map((origin) => ` ${origin}`).join("") : "";
  } catch {
    return ""; // a wrong setting stops the server at start (scripts/serve.ts)
  }
}

/**
 * Forms post to pages (server actions). Next.js checks their Origin too, but answers a mismatch
 * with a 500; refusing here makes it the 403 it is. Browsers always send Origin with a POST. The
 * site is the public URL when it is configured (NEXTAUTH_URL), else the host the request names.
 */
function isCrossSiteSubmission(request: NextRequest): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return false;
  const origin = request.headers.get("origin");
  const configured = configuredOrigin();
  try {
    if (!origin) return true;
    if (configured) return new URL(origin).origin !== configured;
    return new URL(origin).host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return true;
  }
}

export const config = {
  matcher: [
    {
      // Static files (the icons, the web manifest) need neither a nonce nor the form check.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|icons/|apple-touch-icon.png|manifest.webmanifest).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
