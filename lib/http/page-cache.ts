import type { IncomingMessage, ServerResponse } from "node:http";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot.js";
import { sessionCookieName } from "../auth/session-cookie";
import { countPageCache } from "../ops/metrics";
import { CatalogLru } from "../catalog-lru";
import { processWide } from "../process-wide";
import { parseCookieHeader } from "./cookie-header";
import { cspNonceOf, newCspNonce } from "./csp-nonce";

/**
 * The catalog page as anonymous visitors get it, remembered whole while the catalog holds still.
 *
 * Rendering the page costs about 10 ms of one core (React's server render and its RSC payload,
 * twice the cost of Next.js's emptiest page); the data under it is remembered already. For someone
 * signed in the page is theirs (their header, their stars); for everyone else it depends on the
 * URL and the catalog only, and the catalog says when it changes: its version (bumped by triggers
 * in every writing transaction) and the next end date to pass (`catalogState`). So the HTML of an
 * anonymous request is kept under its URL with that state, and answered again while both hold.
 *
 * One part differs on every answer: the Content-Security-Policy's nonce, which must never be
 * reused (whoever read one page would know the next page's). The HTML is kept cut at its nonce,
 * and every answer is put together with a fresh one, in the body and in the header.
 *
 * A miss renders as usual and is copied on its way out. The catalog state is read before the render
 * starts: a write landing during it makes the page newer than its state, never older. Only a 200
 * page without cookies set and without encoding is kept (compression is nginx's). `CATALOG_CACHE=off`
 * turns it off with the catalog cache.
 */

const CACHED_PATHS = new Set(["/images"]);
// What a navigation inside the app sends: it asks for the RSC payload, not the page.
const RSC_REQUEST_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "next-action"];
// Headers of the answer that belong to one answer, not to the page.
const PER_ANSWER_HEADERS = new Set(["x-request-id", "date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
// Read on each request: Next.js loads the .env files after this module.
const enabled = () => process.env.CATALOG_CACHE !== "off";

interface RememberedPage {
  headers: [string, string | string[]][];
  /** The HTML cut at each place its nonce stood. */
  parts: Buffer[];
}

// Anyone may ask for any query string: what is kept is bounded, least recently used first, and
// a page too large to share the budget (a thousand long descriptions) is not copied at all.
const remembered = new CatalogLru<RememberedPage>(16 * 1024 * 1024);

type CatalogState = { version: number; until: number };
// The catalog's state is read by the data layer, which lives in Next.js's bundle (server-only);
// it hands its reader over when the app starts (instrumentation.ts). Until then nothing is kept.
const source = processWide<{ catalogState?: () => Promise<CatalogState> }>("page-cache-source", () => ({}));

/** Called once by the app: how to read the catalog's state (`catalogState` of lib/images/catalog-cache). */
export function rememberPagesBy(catalogState: () => Promise<CatalogState>): void {
  source.catalogState = catalogState;
}


/**
 * Answers the request from a remembered page when it can; otherwise lets `render` answer it,
 * copying a page worth remembering on its way out. Never rejects: without the catalog's state
 * (a database gone) the page is rendered, and tells what is wrong as it would without this cache.
 */
export async function servePage(request: IncomingMessage, response: ServerResponse, render: () => void): Promise<void> {
  const key = enabled() && source.catalogState ? cacheKey(request) : null;
  if (!key) return render();
  let state: CatalogState;
  try {
    state = await source.catalogState!();
  } catch {
    return render();
  }
  const page = remembered.get(key, state.version);
  if (page) {
    countPageCache("hit");
    return answer(response, page);
  }
  countPageCache("miss");
  copyOnItsWayOut(response, (copy) => remember(key, state, copy));
  render();
}

/** The key of a request whose page may be remembered; null for every other request. */
function cacheKey(request: IncomingMessage): string | null {
  if (request.method !== "GET" || !request.url) return null;
  // Node takes request targets no URL parser does (`//[/x`): Next.js answers those itself.
  const url = URL.parse(request.url, "http://page.invalid");
  if (!url || !CACHED_PATHS.has(url.pathname) || url.searchParams.has("_rsc")) return null;
  if (RSC_REQUEST_HEADERS.some((name) => name in request.headers)) return null;
  if (request.headers.authorization !== undefined) return null;
  const session = sessionCookieName();
  if (Object.keys(parseCookieHeader(request.headers.cookie ?? null)).some((name) => name.startsWith(session))) return null;
  // Links in a page may be built from the address it was asked by; Next.js puts the metadata
  // elsewhere in the page for a crawler that reads HTML only.
  const { host, "x-forwarded-host": forwardedHost, "x-forwarded-proto": forwardedProto, "user-agent": userAgent } = request.headers;
  return [host, forwardedHost, forwardedProto, getBotType(userAgent ?? "") ?? "browser", request.url].join(" ");
}

function copyOnItsWayOut(response: ServerResponse, done: (copy: { status: number; headers: RememberedPage["headers"]; body: Buffer }) => void) {
  let chunks: Buffer[] | null = [];
  let copied = 0;
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  const copy = (chunk: unknown, encoding: unknown) => {
    if (!chunks) return;
    const bytes =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
    if (!bytes) return;
    chunks.push(bytes);
    copied += bytes.length;
    if (copied > remembered.entryBytesMax) chunks = null;
  };
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    copy(chunk, encoding);
    return write(chunk as never, encoding as never, callback as never);
  }) as typeof response.write;
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (typeof chunk !== "function") copy(chunk, encoding);
    return end(chunk as never, encoding as never, callback as never);
  }) as typeof response.end;
  response.once("finish", () => {
    if (!chunks) return;
    const headers = Object.entries(response.getHeaders()).flatMap(([name, value]): [string, string | string[]][] =>
      value === undefined || PER_ANSWER_HEADERS.has(name) ? [] : [[name, typeof value === "number" ? String(value) : value]],
    );
    done({ status: response.statusCode, headers, body: Buffer.concat(chunks) });
  });
}

function remember(key: string, state: CatalogState, copy: { status: number; headers: RememberedPage["headers"]; body: Buffer }) {
  const header = (name: string) => copy.headers.find(([headerName]) => headerName === name)?.[1];
  const policy = header("content-security-policy");
  const nonce = typeof policy === "string" ? cspNonceOf(policy) : null;
  if (copy.status !== 200 || !nonce || header("set-cookie") !== undefined || header("content-encoding") !== undefined) return;
  if (!String(header("content-type")).startsWith("text/html")) return;
  const parts = cutAt(copy.body, Buffer.from(nonce));
  const headers = copy.headers.map(([name, value]): [string, string | string[]] => [name, name === "content-security-policy" ? String(value).split(nonce) : value]);
  remembered.keep(key, state.version, state.until, { headers, parts }, key.length + copy.body.length);
}

function cutAt(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function answer(response: ServerResponse, page: RememberedPage) {
  const nonce = newCspNonce();
  const nonceBytes = Buffer.from(nonce);
  const body = Buffer.concat(page.parts.flatMap((part, index) => (index === 0 ? [part] : [nonceBytes, part])));
  for (const [name, value] of page.headers) response.setHeader(name, name === "content-security-policy" ? (value as string[]).join(nonce) : value);
  response.setHeader("Content-Length", body.length);
  response.end(body);
}
