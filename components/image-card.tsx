import Link from "next/link";
import type { ImageJson } from "@/lib/api/response-schemas";
import { StatusBadges } from "./badges";
import { DateText } from "./dates";
import { FavoriteButton } from "./favorite-button";
import { ImageIcon } from "./image-icon";

type Props = {
  image: ImageJson;
  now: Date;
  /** Whether the viewer marks it; left out for anonymous viewers, who get no star. */
  favorite?: boolean;
  /** Tells apart the ids of two cards of one image on a page (the Featured shelf and the results). */
  idPrefix?: string;
};

export function ImageCard({ image, now, favorite, idPrefix = "card" }: Props) {
  const nameId = `${idPrefix}-${image.id}-name`;
  return (
    <article className="relative flex h-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition focus-within:ring-2 focus-within:ring-sky-600 hover:shadow-md dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start gap-3">
        <ImageIcon image={image} />
        <div className="min-w-0 flex-1">
          <h3 id={nameId} className="font-semibold leading-snug">
            {/* The whole card is the link's target area; the link itself is the name. */}
            <Link href={`/images/${image.id}`} className="after:absolute after:inset-0 focus:outline-none">
              {image.name}
            </Link>
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            by {image.created_by} · <DateText iso={image.start_date} />
          </p>
        </div>
        {/* Above the card's link area (relative z-10 in the button), so the star is its own target. */}
        {favorite !== undefined && <FavoriteButton imageId={image.id} bookmarked={favorite} describedBy={nameId} />}
      </div>
      <p className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{image.description}</p>
      <div className="mt-auto flex flex-wrap gap-1.5">
        <StatusBadges image={image} now={now} />
        {image.tags.map((tag) => (
          <span key={tag} className="rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-100">
            {tag}
          </span>
        ))}
      </div>
    </article>
  );
}
