import type { ImageJson } from "@/lib/api/response-schemas";
import { DateText } from "./dates";

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

/** Private, shared, retired or scheduled for removal: what a reader must know at a glance. */
export function StatusBadges({ image, now }: { image: Pick<ImageJson, "private" | "end_date">; now: Date }) {
  const ended = image.end_date !== null && new Date(image.end_date) <= now;
  return (
    <>
      {image.private && <span className={`${badge} bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100`}>Private</span>}
      {ended && <span className={`${badge} bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100`}>Retired</span>}
      {image.end_date && !ended && (
        <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`}>
          Removal scheduled for&nbsp;<DateText iso={image.end_date} />
        </span>
      )}
    </>
  );
}
