import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { processWide } from "../process-wide";

/** What the request log line needs to know from inside the app (SPEC §11). */
export interface RequestContext {
  requestId: string;
  /** Set when the app learns who is asking (lib/auth/viewer.ts). */
  userId: number | null;
}

// One store, shared by our server (scripts/serve.ts), which runs each request in it, and the app.
const storage = processWide("request-context", () => new AsyncLocalStorage<RequestContext>());

export const runInRequestContext = <T>(context: RequestContext, work: () => T): T => storage.run(context, work);

export const currentRequestId = (): string | null => storage.getStore()?.requestId ?? null;

/** Records who the request is from, for its log line. */
export function noteUser(userId: number | null): void {
  const context = storage.getStore();
  if (context && userId !== null) context.userId = userId;
}

// A proxy's id (nginx's $request_id is 32 hex digits) is kept when it looks like one; anything
// else a client sent is replaced, so that a log line cannot be forged or flooded through it.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The id of a request: the proxy's X-Request-Id when trusted and well-formed, else a new one. */
export function requestIdFor(sent: string | string[] | undefined, trustSent: boolean): string {
  const value = Array.isArray(sent) ? sent[0] : sent;
  return trustSent && value && REQUEST_ID.test(value) ? value : randomUUID();
}
