import "server-only";
import { configuredOrigin } from "../../http/public-origin";
import { safeReturnPath } from "../../http/safe-return";
import { handleAuthRequest } from "../next-auth-route";
import { OIDC_PROVIDER_ID, oidcSettings } from "./settings";
import { loginWithError, SIGN_IN_PATH } from "./sign-in-errors";


/**
 * The "Sign in with <OIDC_NAME>" button: next-auth's own sign-in request (a CSRF token, then
 * POST /api/auth/signin/oidc), made here for the browser so that the button is a plain form that
 * works without JavaScript. The answer sends the browser to the provider's authorization
 * endpoint, with the state, PKCE and nonce cookies next-auth set; or back to the login page with
 * the reason, when the provider cannot be reached.
 */
export async function startOidcSignIn(returnTo: unknown): Promise<Response> {
  const callbackUrl = safeReturnPath(returnTo);
  const origin = configuredOrigin();
  if (!oidcSettings() || !origin) return seeOther(SIGN_IN_PATH);
  const csrf = await handleAuthRequest(new Request(`${origin}/api/auth/csrf`), ["csrf"]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await handleAuthRequest(
    new Request(`${origin}/api/auth/signin/${OIDC_PROVIDER_ID}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") },
      body: new URLSearchParams({ csrfToken, callbackUrl }),
    }),
    ["signin", OIDC_PROVIDER_ID],
  );
  const location = signIn.headers.get("location");
  const target = location && URL.canParse(location, origin) ? new URL(location, origin) : null;
  // Anything but the provider is next-auth's error page (/api/auth/error?error=OAuthSignin):
  // discovery or the provider failed. (The provider may well be on the app's own host.)
  if (!target || (target.origin === origin && target.pathname.startsWith("/api/auth/"))) {
    return seeOther(loginWithError(target?.searchParams.get("error") || "OAuthSignin", callbackUrl));
  }
  const response = seeOther(target.toString());
  for (const cookie of signIn.headers.getSetCookie()) response.headers.append("Set-Cookie", cookie);
  return response;
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
