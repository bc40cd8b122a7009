import type { NextRequest } from "next/server";
import { AppError } from "../errors";
import { ifNoneMatchHits } from "../http/etag";
import { linkHeader, type Page, type PageRequest } from "../pagination";
import { problemResponse } from "./problem";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's own params shape
type Context = { params: Promise<any> };
type Handler = (request: NextRequest, context: Context) => Promise<Response>;

/**
 * A route's handlers, each wrapped so that any error becomes problem+json; every other method
 * answers 405 with `Allow`, and OPTIONS lists what is allowed.
 */
export function apiRoute(handlers: Partial<Record<Exclude<Method, "HEAD" | "OPTIONS">, Handler>>): Record<Method, Handler> {
  const implemented: Partial<Record<Method, Handler>> = { ...handlers, ...(handlers.GET ? { HEAD: handlers.GET } : {}) };
  const allow = [...METHODS.filter((method) => implemented[method]), "OPTIONS"].join(", ");
  const route = {} as Record<Method, Handler>;
  for (const method of METHODS) {
    const handler = implemented[method];
    route[method] = async (request, context) => {
      try {
        if (handler) return await handler(request, context);
        if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow } });
        throw new AppError(405, `${request.method} is not allowed here; use ${allow}.`, undefined, { Allow: allow });
      } catch (error) {
        return problemResponse(error);
      }
    };
  }
  return route;
}

// What an answer depends on is who asks: never kept by shared caches, and always revalidated.
const PER_VIEWER = { "Cache-Control": "private, no-cache", Vary: "Authorization, Cookie" };

/** A JSON answer that is never cached by shared caches: what it holds depends on who asks. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", ...PER_VIEWER, ...init.headers },
  });
}

/**
 * A GET under a validator: 304 with no body (and the headers a 200 would carry for caching) when
 * If-None-Match names `etag`, else the answer `answer` makes, with the ETag. Nothing is built for
 * a 304. A null `etag` is an answer that has none, always sent in full.
 */
export async function answerWithEtag(request: Request, etag: string | null, answer: () => Promise<Response> | Response): Promise<Response> {
  if (etag === null) return answer();
  if (ifNoneMatchHits(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: { ...PER_VIEWER, ETag: etag } });
  const response = await answer();
  response.headers.set("ETag", etag);
  return response;
}

/** A page of a collection, with its RFC 8288 Link header beside the body's next and previous. */
export function collectionResponse(page: Page<unknown>, request: PageRequest, url: URL): Response {
  return jsonResponse(page, { headers: { Link: linkHeader(url, request, page.count) } });
}
