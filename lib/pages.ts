import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "./errors";
import { currentViewer, type Viewer } from "./auth/viewer";
import { safeReturnPath } from "./http/safe-return";
import { pagination } from "./validations/pagination";

/** Pages speak HTTP through Next.js: a data-layer 404 or 403 becomes the not-found or forbidden page. */
export async function orPageError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (error instanceof AppError && error.status === 403) forbidden();
    throw error;
  }
}

/** The signed-in viewer, or off to the sign-in page and back here afterwards. */
export async function requireViewer(returnTo: string): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}`);
  return viewer;
}

/** `?page=N` of a paged page. A value that is not a page number names no page: a 404, as a page past the last is. */
export function pageNumber(value: string | string[] | undefined): number {
  const parsed = pagination.page.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
