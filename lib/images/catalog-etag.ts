import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Viewer } from "../auth/viewer";
import { catalogState, viewerKey } from "./catalog-cache";

// The build: a release may shape the same catalog into other JSON. Every process of a release
// reads the same id, so an ETag made by one is good at the others behind the same proxy.
const BUILD = (() => {
  try {
    return readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "development";
  }
})();

/**
 * The ETag of an answer made from the catalog alone (a collection of images, the tags): what it
 * shows is decided by the catalog's version (bumped by every write to it, in the writing
 * transaction), the next end_date to pass, who asks, and what they asked (the URL, query and
 * all). Any of them changing changes the ETag; two viewers never share one. Favorites are no
 * catalog write, so a collection of them has none (null) and is always answered in full.
 */
export async function catalogEtag(viewer: Viewer | null, url: URL, { bookmarked = false } = {}): Promise<string | null> {
  if (bookmarked) return null;
  const { version, until } = await catalogState();
  const digest = createHash("sha256").update(JSON.stringify([BUILD, version, until, viewerKey(viewer), url.href])).digest("base64url");
  return `W/"${digest.slice(0, 27)}"`;
}
