import type { RequestHistoryJson } from "@/lib/api/response-schemas";
import { STATUS_LABELS } from "@/lib/image-requests/statuses";
import { DateText } from "./dates";

/** Every status change of a request: what, who, when, and what staff said. */
export function RequestTimeline({ history }: { history: RequestHistoryJson[] }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-300 pl-5 dark:border-slate-700" aria-label="Status history">
      {history.map((event, index) => (
        <li key={index} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full bg-sky-600" />
          <p className="font-medium">{event.from === null ? "Requested" : STATUS_LABELS[event.status]}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            by {event.by} · <DateText iso={event.at} withTime />
          </p>
          {event.message && <blockquote className="mt-1 whitespace-pre-line border-l-2 border-slate-300 pl-3 dark:border-slate-600">{event.message}</blockquote>}
        </li>
      ))}
    </ol>
  );
}
