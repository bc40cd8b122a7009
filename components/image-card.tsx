import Link from "next/link";
import type { ImageJson } from "@/lib/api/response-schemas";
import { StatusBadges } from "./badges";
import { DateText } from "./dates";
import { ImageIcon } from "./image-icon";

export function ImageCard({ image, now }: { image: ImageJson; now: Date }) {
  return (
    <article className="relative flex h-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition focus-within:ring-2 focus-within:ring-sky-600 hover:shadow-md dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start gap-3">
        <ImageIcon image={image} />
        <div className="min-w-0">
          <h3 className="font-semibold leading-snug">
            {/* The whole card is the link's target area; the link itself is the name. */}
            <Link href={`/images/${image.id}`} className="after:absolute after:inset-0 focus:outline-none">
              {image.name}
            </Link>
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            by {image.created_by} · <DateText iso={image.start_date} />
          </p>
        </div>
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
