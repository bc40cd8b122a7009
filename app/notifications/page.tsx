import type { Metadata } from "next";
import Link from "next/link";
import { countUnread, listNotificationRows } from "@/lib/notifications/list-notifications";
import { orPageError, pageNumber, requireViewer } from "@/lib/pages";
import { DateText } from "@/components/dates";
import { Pagination } from "@/components/pagination";
import { markAllReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const PAGE_SIZE = 20;
const PATH = "/notifications";
// The data layer's page carries absolute next/previous links; this page builds its own.
const PAGE_URL = new URL(`http://notifications.invalid${PATH}`);
const pageHref = (page: number) => (page === 1 ? PATH : `${PATH}?page=${page}`);

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer(PATH);
  const page = pageNumber((await searchParams).page);
  const [notifications, unread] = await Promise.all([orPageError(listNotificationRows(viewer, { page, page_size: PAGE_SIZE }, PAGE_URL)), countUnread(viewer.id)]);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="text-slate-700 dark:text-slate-300">
            {unread === 0 ? "Nothing unread." : `${unread} unread.`}{" "}
            <Link href="/settings/notifications" className="text-sky-700 underline dark:text-sky-400">
              Choose which ones are e-mailed
            </Link>
            .
          </p>
        </div>
        {unread > 0 && (
          <form action={markAllReadAction}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 focus-visible:outline-2 dark:border-slate-700 dark:hover:bg-slate-800">
              Mark all as read
            </button>
          </form>
        )}
      </div>

      {notifications.count === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No notifications yet. You will hear here when support moves one of your requests or someone shares an image with you.</p>
      ) : (
        <ul aria-label="Notifications" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {notifications.results.map((notice) => (
            <li key={notice.id} className="flex gap-3 p-4">
              <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${notice.readAt ? "bg-transparent" : "bg-sky-600"}`} />
              <div className="min-w-0 space-y-1">
                {/* A plain link, never prefetched: opening it is what marks the notice read. */}
                <a href={`/notifications/${notice.id}`} className={`block text-sky-800 underline dark:text-sky-300 ${notice.readAt ? "" : "font-semibold"}`}>
                  {!notice.readAt && <span className="sr-only">Unread: </span>}
                  {notice.title}
                </a>
                {notice.body && <p className="line-clamp-4 whitespace-pre-line break-words text-sm text-slate-700 dark:text-slate-300">{notice.body}</p>}
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <DateText iso={notice.createdAt.toISOString()} withTime />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={Math.max(1, Math.ceil(notifications.count / PAGE_SIZE))} href={pageHref} />
    </div>
  );
}
