import { notFound } from "./errors";

/** The collection envelope of the seed (and of Django REST framework). */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface PageRequest {
  page: number;
  page_size: number;
}

export const pageWindow = ({ page, page_size }: PageRequest) => ({ skip: (page - 1) * page_size, take: page_size });

/**
 * Wraps one page of results. `next` and `previous` are absolute URLs that keep every other
 * query parameter; a page past the last is a 404, as in Django REST framework.
 */
export function toPage<T>(url: URL, request: PageRequest, count: number, results: T[]): Page<T> {
  const last = lastPage(request, count);
  if (request.page > last) throw notFound(`Invalid page: there ${last === 1 ? "is 1 page" : `are ${last} pages`}.`);
  return {
    count,
    next: request.page < last ? pageUrl(url, request.page + 1) : null,
    previous: request.page > 1 ? pageUrl(url, request.page - 1) : null,
    results,
  };
}

const lastPage = (request: PageRequest, count: number) => Math.max(1, Math.ceil(count / request.page_size));

/** The same URL on another page: every other query parameter kept, `page` left out for the first. */
function pageUrl(url: URL, page: number): string {
  const target = new URL(url);
  if (page === 1) target.searchParams.delete("page");
  else target.searchParams.set("page", String(page));
  return target.toString();
}

/** RFC 8288 links to the first, previous, next and last pages, for clients that read headers. */
export function linkHeader(url: URL, request: PageRequest, count: number): string {
  const last = lastPage(request, count);
  const link = (page: number, rel: string) => `<${pageUrl(url, page)}>; rel="${rel}"`;
  return [
    link(1, "first"),
    ...(request.page > 1 ? [link(request.page - 1, "prev")] : []),
    ...(request.page < last ? [link(request.page + 1, "next")] : []),
    link(last, "last"),
  ].join(", ");
}
