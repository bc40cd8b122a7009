import { configuredOrigin } from "./public-origin";

// Browsers drop tabs and line breaks from URLs and read "\" as "/", so "/\t/evil.example" or
// "/\\evil.example" reach another site although they look like paths; such input is refused whole.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\]/;
const MAX_LENGTH = 2048;
// Any origin will do to resolve a path against when the public one is not configured: only
// results on it are accepted, and only their path is returned.
const PLACEHOLDER_ORIGIN = "http://atmosphere.invalid";

/**
 * Where to send someone back to after signing in or out, from input (a query parameter, a form
 * field, next-auth's callbackUrl): a path on this site, or "/". The value is resolved by the
 * WHATWG URL parser, as a browser would, and kept only if it stays on the app's origin.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH || UNSAFE_CHARACTERS.test(value)) return "/";
  const origin = configuredOrigin() ?? PLACEHOLDER_ORIGIN;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  return path.startsWith("//") ? "/" : path;
}
