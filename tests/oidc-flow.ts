// Drives a sign-in through the institution (SPEC §10) without a browser: the app's side through
// its own handlers (the button's route, next-auth's callback), the provider's side over HTTP, a
// cookie jar for each, as a browser would keep them.
import { handleAuthRequest } from "../lib/auth/next-auth-route";
import { OIDC_PROVIDER_ID } from "../lib/auth/oidc/settings";
import { startOidcSignIn } from "../lib/auth/oidc/start-sign-in";
import { sessionCookieName, sessionIdOf } from "../lib/auth/session";

/** Cookies by name, as a browser keeps them from Set-Cookie (one site, paths ignored). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === "" || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header = () => [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** The app's side: presses "Sign in with …"; the answer's Location is the provider's authorization URL. */
export async function beginSignIn(app: CookieJar, callbackUrl = "/images"): Promise<string> {
  const response = await startOidcSignIn(callbackUrl);
  app.take(response);
  const location = response.headers.get("location")!;
  if (response.status !== 303 || location.startsWith("/login")) throw new Error(`the sign-in did not start: ${response.status} ${location}`);
  return location;
}

/**
 * The provider's side: its development login page (any password) and consent page, followed
 * until the provider sends the browser back to the app; returns that callback URL.
 */
export async function authorizeAtProvider(authorizationUrl: string, login: string, provider = new CookieJar()): Promise<string> {
  let url = authorizationUrl;
  let form: Record<string, string> | null = null;
  for (let step = 0; step < 20; step++) {
    const response: Response = await fetch(url, {
      method: form ? "POST" : "GET",
      headers: { Cookie: provider.header(), ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
      redirect: "manual",
    });
    provider.take(response);
    form = null;
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url).toString();
      if (next.includes(`/api/auth/callback/${OIDC_PROVIDER_ID}`)) return next;
      url = next;
      continue;
    }
    const page: string = await response.text();
    const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(page)?.[1];
    const prompt: string | undefined = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`the provider answered ${response.status} with no form to fill: ${page.slice(0, 300)}`);
    url = new URL(action, url).toString();
    form = prompt === "login" ? { prompt, login, password: "any password" } : { prompt };
  }
  throw new Error("the provider never sent the browser back");
}

export interface SignInResult {
  status: number;
  location: string;
  /** The new session's id, when the sign-in succeeded. */
  sessionId: string | null;
}

/** The app's side again: next-auth's callback with the browser's cookies. */
export async function finishSignIn(app: CookieJar, callbackUrl: string): Promise<SignInResult> {
  const response = await handleAuthRequest(new Request(callbackUrl, { headers: { Cookie: app.header() } }), ["callback", OIDC_PROVIDER_ID]);
  app.take(response);
  const token = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${sessionCookieName()}=`))?.split(";")[0].split("=")[1];
  return { status: response.status, location: response.headers.get("location") ?? "", sessionId: await sessionIdOf(token ? decodeURIComponent(token) : undefined) };
}

/** The whole sign-in of `login` at the provider, as one browser. */
export async function signInThroughProvider(login: string, callbackUrl = "/images"): Promise<SignInResult> {
  const app = new CookieJar();
  return finishSignIn(app, await authorizeAtProvider(await beginSignIn(app, callbackUrl), login));
}
