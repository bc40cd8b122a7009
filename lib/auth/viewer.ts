import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { unauthorized } from "../errors";
import { parseCookieHeader } from "../http/cookie-header";
import { noteUser } from "../ops/request-context";
import { viewerFromAuthorization } from "./api-tokens";
import { sessionCookieName, viewerFromSessionToken } from "./session";

/** Who is asking: the one thing every rule of the data layer is decided on. */
export interface Viewer {
  id: number;
  username: string;
  isStaff: boolean;
}

/** API requests: a token when an Authorization header is sent (a bad one is a 401), else the session cookie. */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const authorization = request.headers.get("authorization");
  const viewer =
    authorization !== null ? await viewerFromAuthorization(authorization) : await viewerFromSessionToken(parseCookieHeader(request.headers.get("cookie"))[sessionCookieName()]);
  noteUser(viewer?.id ?? null);
  return viewer;
}

/** Writes: a 401 for anonymous callers before anything else, the body included, is looked at. */
export async function signedInViewerFromRequest(request: Request): Promise<Viewer> {
  const viewer = await viewerFromRequest(request);
  if (!viewer) throw unauthorized();
  return viewer;
}

/**
 * Pages and server actions: the session cookie. Cached for the render, so that the layout,
 * the metadata and the page of one request read the user once.
 */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const viewer = await viewerFromSessionToken((await cookies()).get(sessionCookieName())?.value);
  noteUser(viewer?.id ?? null);
  return viewer;
});
