import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentViewer } from "@/lib/auth/viewer";
import { catalogHref, pageHref } from "@/lib/catalog-url";
import { AppError } from "@/lib/errors";
import { bookmarkedAmong } from "@/lib/bookmarks/bookmarked-among";
import { listImages } from "@/lib/images/list-images";
import { requireViewer } from "@/lib/pages";
import { tagFacets } from "@/lib/images/tag-facets";
import { imageListQuerySchema, type ImageListQuery } from "@/lib/validations/images";
import { parseQuery, toSearchParams } from "@/lib/validations/query";
import { ImageCard } from "@/components/image-card";
import { Pagination } from "@/components/pagination";
import { SearchBox } from "@/components/search-box";
import { ScopeFilters, TagFacets } from "@/components/catalog-filters";

export const metadata: Metadata = { title: "Catalog" };

const CATALOG_PAGE_SIZE = "12";
const FEATURED = 6;
// next/previous in the data layer's page are absolute; the catalog builds its own relative links.
const CATALOG_URL = new URL("http://catalog.invalid/images");

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await currentViewer();
  const params = toSearchParams(await searchParams);
  let query: ImageListQuery;
  try {
    query = parseQuery(imageListQuerySchema, withDefaults(params), ["tag"]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return <InvalidFilters detail={error.detail} />;
  }

  // Favorites are someone's: off to sign in, and back to them.
  if (query.bookmarked && !viewer) await requireViewer(`/images?${params}`);
  const narrowed = Boolean(query.search || query.tag.length || query.created_by || query.shared_with_me || query.provider);
  const filtered = narrowed || query.bookmarked;
  const [page, facets, featured] = await Promise.all([
    listImages(viewer, query, CATALOG_URL).catch((error) => {
      if (error instanceof AppError && error.status === 404) notFound();
      throw error;
    }),
    tagFacets(viewer, query),
    filtered || query.page > 1 ? null : listImages(viewer, { ...query, tag: ["Featured"], page_size: FEATURED }, CATALOG_URL),
  ]);
  const now = new Date();
  const pages = Math.max(1, Math.ceil(page.count / query.page_size));
  // The stars are the viewer's own, read afresh beside the remembered page.
  const marked = await bookmarkedAmong(viewer, [...page.results, ...(featured?.results ?? [])].map((image) => image.id));
  const favorite = (id: string) => (viewer ? marked.has(id) : undefined);

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold sm:text-3xl">Image catalog</h1>
        <SearchBox />
        <ScopeFilters params={params} viewer={viewer} />
      </div>

      {featured && featured.count > 0 && (
        <section aria-labelledby="featured-heading" className="space-y-3">
          <h2 id="featured-heading" className="text-lg font-semibold">
            Featured
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {featured.results.map((image) => (
              <li key={image.id}>
                <ImageCard image={image} now={now} favorite={favorite(image.id)} idPrefix="featured" />
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <aside className="order-2 lg:order-1">
          <TagFacets params={params} facets={facets} />
        </aside>
        <section aria-labelledby="results-heading" className="order-1 space-y-4 lg:order-2">
          <h2 id="results-heading" className="text-lg font-semibold" aria-live="polite">
            {page.count === 1 ? "1 image" : `${page.count} images`}
            {filtered && <span className="font-normal text-slate-600 dark:text-slate-400"> match</span>}
          </h2>
          {page.count === 0 ? (
            <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
              <p className="mb-3">{query.bookmarked && !narrowed ? "No favorites yet: mark images with their star." : "No image matches these filters."}</p>
              <Link href="/images" className="font-medium text-sky-700 underline dark:text-sky-400">
                {query.bookmarked && !narrowed ? "Browse the catalog" : "Clear the filters"}
              </Link>
            </div>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Images">
              {page.results.map((image) => (
                <li key={image.id}>
                  <ImageCard image={image} now={now} favorite={favorite(image.id)} />
                </li>
              ))}
            </ul>
          )}
          <Pagination page={query.page} pages={pages} href={(n) => pageHref(params, n)} />
        </section>
      </div>
    </div>
  );
}

function withDefaults(params: URLSearchParams): URLSearchParams {
  const withSize = new URLSearchParams(params);
  if (!withSize.has("page_size")) withSize.set("page_size", CATALOG_PAGE_SIZE);
  return withSize;
}

function InvalidFilters({ detail }: { detail: string }) {
  return (
    <div role="alert" className="rounded-xl border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="mb-2 text-xl font-semibold">These filters cannot be used</h1>
      <p className="mb-3">{detail}</p>
      <Link href={catalogHref(new URLSearchParams())} className="font-medium underline">
        Show the whole catalog
      </Link>
    </div>
  );
}
