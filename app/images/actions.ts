"use server";

import { revalidatePath } from "next/cache";
import { currentViewer } from "@/lib/auth/viewer";
import { setBookmark } from "@/lib/bookmarks/set-bookmark";
import { AppError } from "@/lib/errors";

export type FavoriteResult = { error?: string };

/**
 * The star on cards and on the image page: `image` and the wanted state, `favorite` ("true" to
 * mark). Posted as a plain form without JavaScript (the page it came from renders again);
 * called by the star itself with JavaScript, which shows the change before the answer.
 */
export async function setFavoriteAction(form: FormData): Promise<FavoriteResult> {
  try {
    await setBookmark(await currentViewer(), String(form.get("image") ?? ""), form.get("favorite") === "true");
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error: error.status === 404 ? "This image is no longer available to you." : error.detail };
  }
  // The catalog (its Favorites tab) and the image pages show favorites.
  revalidatePath("/images", "layout");
  return {};
}

/** The same as a form's action, for the star without JavaScript: the page renders again, so there is no answer to hand back. */
export async function favoriteFormAction(form: FormData): Promise<void> {
  await setFavoriteAction(form);
}
