import { configuredOrigin } from "../http/public-origin";

// next-auth's own names: a __Secure- cookie when the site is served over HTTPS. Not server-only:
// our HTTP server (scripts/serve.ts) tells by it whether a request comes from someone signed in.
export const secureCookies = () => configuredOrigin()?.startsWith("https:") ?? false;
export const sessionCookieName = () => (secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token");
