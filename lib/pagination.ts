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
  const lastPage = Math.max(1, Math.ceil(count / request.page_size));
  if (request.page > lastPage) throw notFound(`Invalid page: there ${lastPage === 1 ? "is 1 page" : `are ${lastPage} pages`}.`);
  const link = (page: number) => {
    const target = new URL(url);
    if (page === 1) target.searchParams.delete("page");
    else target.searchParams.set("page", String(page));
    return target.toString();
  };
  return {
    count,
    next: request.page < lastPage ? link(request.page + 1) : null,
    previous: request.page > 1 ? link(request.page - 1) : null,
    results,
  };
}
