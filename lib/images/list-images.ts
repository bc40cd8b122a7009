import "server-only";
import { Prisma } from "../db/client";
import { committedRows } from "../db/committed-rows";
import type { Viewer } from "../auth/viewer";
import type { ImageListQuery } from "../validations/images";
import { pageWindow, toPage, type Page } from "../pagination";
import type { ImageJson } from "../api/response-schemas";
import { unauthorized } from "../errors";
import { rememberedFor, viewerKey } from "./catalog-cache";
import { countImages } from "./catalog-counts";
import { readImages, type Window } from "./read-images";
import { toImageJson } from "./serialize";
import { imageListSql, type MatchPlan } from "./image-filter";
import { tagIdsByKey } from "./tag-ids";

// Every ordering ends on the id, so that pages never overlap or skip an image.
const ORDER_BY: Record<ImageListQuery["ordering"], Prisma.Sql> = {
  name: Prisma.sql`i.name ASC, i.id ASC`,
  "-name": Prisma.sql`i.name DESC, i.id DESC`,
  start_date: Prisma.sql`i.start_date ASC, i.id ASC`,
  "-start_date": Prisma.sql`i.start_date DESC, i.id DESC`,
};

/** The window of one page, in the requested order. */
export const pageOf = (query: ImageListQuery): Window => {
  const { skip, take } = pageWindow(query);
  return { orderBy: ORDER_BY[query.ordering], limit: take, offset: skip };
};

// Sorting this many matches costs about as much as walking the catalog's order to a page.
const FEW_MATCHES = 2000;
const matchPlanFor = (count: number): MatchPlan => (count <= FEW_MATCHES ? "fromMatches" : "inOrder");

/**
 * One page of a collection, remembered like counts (see catalog-cache.ts): for this viewer,
 * these parameters, and as long as the catalog holds still; favorites are read afresh.
 */
export async function listImages(viewer: Viewer | null, query: ImageListQuery, url: URL): Promise<Page<ImageJson>> {
  // Favorites are someone's: asked for without a caller, a 401 says the token was forgotten,
  // where an empty page would look like no favorites.
  if (query.bookmarked && !viewer) throw unauthorized("Sign in to list your favorites (bookmarked=true).");
  const key = `page:${viewerKey(viewer)}:${JSON.stringify(query)}`;
  const { count, results } = await rememberedFor(query)(key, (now) => readPage(viewer, query, now));
  return toPage(url, query, count, results);
}

/** Which images a page shows, with the chosen tags named by id (see TagIds in image-filter.ts). */
export async function pageCondition(viewer: Viewer | null, query: ImageListQuery, now: Date, plan: MatchPlan): Promise<Prisma.Sql> {
  return imageListSql(viewer, query, now, plan, await tagIdsByKey(committedRows, query.tag));
}

async function readPage(viewer: Viewer | null, query: ImageListQuery, now: Date): Promise<{ count: number; results: ImageJson[] }> {
  // The count comes first (it is usually remembered): it says how to find the page, or that
  // there is nothing to find.
  const count = await countImages(viewer, query);
  const window = pageOf(query);
  // Nothing to read for an empty result or a page past the last (which is a 404).
  if (window.offset >= count) return { count, results: [] };
  const rows = await readImages(committedRows, await pageCondition(viewer, query, now, matchPlanFor(count)), window);
  return { count, results: rows.map((row) => toImageJson(row, viewer)) };
}
