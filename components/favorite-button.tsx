"use client";

import { startTransition, useOptimistic, useState, type FormEvent } from "react";
import { favoriteFormAction, setFavoriteAction } from "@/app/images/actions";

type Props = {
  imageId: string;
  bookmarked: boolean;
  /** How many people mark it: shown beside the star when given (the image page). */
  count?: number;
  /** The id of what names the image, for the button's description on cards. */
  describedBy?: string;
};

/**
 * The star. Without JavaScript it is a plain form posted to the server action; with it, the star
 * and the count change at once (useOptimistic) and settle on what the server renders after.
 */
export function FavoriteButton({ imageId, bookmarked, count, describedBy }: Props) {
  const [shown, setShown] = useOptimistic({ bookmarked, count: count ?? 0 });
  const [error, setError] = useState<string>();
  const wanted = !shown.bookmarked;

  function toggle(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setShown({ bookmarked: wanted, count: Math.max(0, shown.count + (wanted ? 1 : -1)) });
      try {
        setError((await setFavoriteAction(form)).error);
      } catch {
        setError("The favorite could not be saved. Try again.");
      }
    });
  }

  return (
    <form action={favoriteFormAction} onSubmit={toggle} className="relative z-10 flex flex-col items-end gap-1">
      <input type="hidden" name="image" value={imageId} />
      <input type="hidden" name="favorite" value={String(wanted)} />
      <button
        type="submit"
        aria-pressed={shown.bookmarked}
        aria-label={shown.bookmarked ? "Remove from favorites" : "Add to favorites"}
        aria-describedby={describedBy}
        title={shown.bookmarked ? "Remove from favorites" : "Add to favorites"}
        className={`inline-flex min-h-9 min-w-9 items-center justify-center gap-1.5 rounded-full border px-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${
          shown.bookmarked
            ? "border-amber-500 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100 dark:hover:bg-amber-900"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
        }`}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className={shown.bookmarked ? "fill-amber-500 stroke-amber-600 dark:fill-amber-400 dark:stroke-amber-300" : "fill-none stroke-current"} strokeWidth="1.8" strokeLinejoin="round">
          <path d="M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3-4.6-4.4 6.3-.9z" />
        </svg>
        {count !== undefined && <span data-favorite-count>{shown.count}</span>}
      </button>
      {error && (
        <p role="alert" className="max-w-48 rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
    </form>
  );
}
