import "server-only";
import NextAuth from "next-auth";
import { problemResponse } from "../api/problem";
import { badRequest } from "../errors";
import { parseCookieHeader } from "../http/cookie-header";
import { safeReturnPath } from "../http/safe-return";
import { localSignInOff } from "./credentials";
import { authOptions } from "./options";
import { localSignInEnabled, OIDC_PROVIDER_ID } from "./oidc/settings";
import { loginWithError } from "./oidc/sign-in-errors";
import { endSession, secureCookies, sessionCookieName, sessionIdOf } from "./session";

type Fields = Record<string, string>;

/**
 * next-auth's /api/auth/* for one request. next-auth's App Router entry reads the cookies of
 * whatever request Next.js is serving (next/headers); this one reads them from the request it is
 * given, through next-auth's own handler for plain requests, so that the sign-in through the
 * institution can be started from another route and driven by tests. `segments` are the path's
 * parts after /api/auth/.
 */
export async function handleAuthRequest(request: Request, segments: string[]): Promise<Response> {
  const [action, providerId] = segments;
  // With password sign-in off, its endpoints say so instead of redirecting to a generic error.
  if (!localSignInEnabled() && (action === "signin" || action === "callback") && providerId === "credentials") {
    return problemResponse(localSignInOff());
  }
  const url = new URL(request.url);
  const cookies = parseCookieHeader(request.headers.get("cookie"));
  // next-auth's error page is never shown: its code goes to ours, encoded (next-auth would put
  // the query's raw text in a Location header).
  if (action === "error") {
    return new Response(null, { status: 302, headers: { Location: loginWithError(url.searchParams.get("error") || "Default", "/") } });
  }
  // The user said no at the provider: next-auth would call it a failed callback; it is not.
  if (action === "callback" && providerId === OIDC_PROVIDER_ID && url.searchParams.get("error") === "access_denied") {
    const callbackUrl = safeReturnPath(cookies[`${secureCookies() ? "__Secure-" : ""}next-auth.callback-url`]);
    return new Response(null, { status: 302, headers: { Location: loginWithError("Cancelled", callbackUrl) } });
  }
  const answer = new PlainResponse();
  try {
    await NextAuth(
      {
        method: request.method,
        query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
        body: await readForm(request),
        cookies,
        headers: Object.fromEntries(request.headers),
      } as never,
      answer as never,
      authOptions(),
    );
  } catch (error) {
    // next-auth handles its own failures; what escapes is input it could not even answer.
    console.warn("next-auth could not answer", request.method, url.pathname, (error as Error).message);
    return problemResponse(badRequest("This sign-in request is not valid."));
  }
  const response = answer.toResponse();
  // A sign-in replaces this browser's session: the old one ends, so a copy of its cookie dies with it.
  const newSession = response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${sessionCookieName()}=`) && !cookie.startsWith(`${sessionCookieName()}=;`));
  if (action === "callback" && newSession) await endSession(await sessionIdOf(cookies[sessionCookieName()]));
  return response;
}

async function readForm(request: Request): Promise<Fields | undefined> {
  if (request.method !== "POST") return undefined;
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const body: unknown = await request.json();
      return body && typeof body === "object" ? Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)])) : {};
    }
    return Object.fromEntries(new URLSearchParams(await request.text()));
  } catch {
    return {};
  }
}

/** The response side of next-auth's plain-request handler (the few calls it makes), collected into a fetch Response. */
class PlainResponse {
  private statusCode = 200;
  private headers = new Headers();
  private body: string | null = null;

  status(code: number) {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string) {
    return name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : (this.headers.get(name) ?? undefined);
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.delete(name);
    for (const one of Array.isArray(value) ? value : [value]) this.headers.append(name, one);
    return this;
  }
  json(body: unknown) {
    this.headers.set("Content-Type", "application/json");
    this.body = JSON.stringify(body);
  }
  send(body: unknown) {
    this.body = typeof body === "string" ? body : JSON.stringify(body);
    if (typeof body !== "string" && !this.headers.has("Content-Type")) this.headers.set("Content-Type", "application/json");
  }
  end() {}
  toResponse(): Response {
    return new Response(this.body, { status: this.statusCode, headers: this.headers });
  }
}
