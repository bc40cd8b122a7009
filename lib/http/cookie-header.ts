/** The cookies of a Cookie request header by name (values decoded; a value that does not decode is left out). */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue; // the first of two with one name is the one the browser means (the more specific path)
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // not percent-encoded text: not a cookie of ours
    }
  }
  return cookies;
}
