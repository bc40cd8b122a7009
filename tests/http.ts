// Calls route handlers as Next.js does: a NextRequest in, a Response out.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { runInRequestContext } from "../lib/ops/request-context";
import { encodeSession, sessionCookieName } from "../lib/auth/session";
import type { Viewer } from "../lib/auth/viewer";
import { checkContract } from "./contract";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  params?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  token?: string;
  session?: Viewer;
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read what they assert on
  body: any;
}

export const BASE = "http://test.local";

export async function call(handler: Handler, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("Authorization", `Token ${options.token}`);
  if (options.session) headers.set("Cookie", `${sessionCookieName()}=${await encodeSession(options.session)}`);
  let sent: string | undefined;
  if (options.body !== undefined) {
    sent = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  const request = new NextRequest(new URL(path, BASE), { method: options.method ?? "GET", headers, body: sent });
  // As our server runs it (scripts/serve.ts): in a request context, with an id.
  const response = await runInRequestContext({ requestId: randomUUID(), userId: null }, () => handler(request, { params: Promise.resolve(options.params ?? {}) }));
  const type = response.headers.get("content-type") ?? "";
  const body = type.includes("json") ? JSON.parse((await response.text()) || "null") : await response.text();
  checkContract(request.method, request.nextUrl.pathname, response.status, type, body);
  return { status: response.status, headers: response.headers, body };
}
