import type { Viewer } from "@/lib/auth/viewer";
import { bookmarkOf } from "@/lib/bookmarks/get-bookmark";
import { FavoriteButton } from "./favorite-button";

const countText = (count: number) => (count === 1 ? "1 person marks it as a favorite" : `${count} people mark it as a favorite`);

/** The image page's star with how many people mark the image; signed out, only the count. */
export async function ImageFavorite({ viewer, imageId }: { viewer: Viewer | null; imageId: string }) {
  const { bookmarked, count } = await bookmarkOf(viewer, imageId);
  return (
    <div className="flex items-center gap-2 self-start">
      {viewer ? (
        <>
          <FavoriteButton imageId={imageId} bookmarked={bookmarked} count={count} describedBy="favorite-count" />
          <span id="favorite-count" className="sr-only">
            {countText(count)}
          </span>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span aria-hidden="true">★ </span>
          {countText(count)}
        </p>
      )}
    </div>
  );
}
