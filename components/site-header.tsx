import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import { signOutAction } from "@/app/login/actions";

const navLink = "rounded-md px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 dark:hover:bg-slate-800";

/** `waiting`: for staff, how many requests wait for them; `unread`: the viewer's unread notifications. */
export function SiteHeader({ viewer, waiting, unread }: { viewer: Viewer | null; waiting: number | null; unread: number | null }) {
  return (
    <header className="border-b border-slate-200 bg-white/90 dark:border-slate-800 dark:bg-slate-950/90">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
        <Link href="/images" className="mr-2 flex items-center gap-2 font-semibold">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded-full bg-gradient-to-br from-sky-500 to-indigo-600" />
          Atmosphere Images
        </Link>
        <Link href="/images" className={`hidden sm:inline ${navLink}`}>
          Catalog
        </Link>
        {viewer && (
          <>
            <Link href="/instances" className={navLink}>
              Instances
            </Link>
            <Link href="/requests" className={navLink}>
              Requests
            </Link>
          </>
        )}
        {waiting !== null && (
          <Link href="/admin/requests" className={navLink} aria-label={`Support desk, ${waiting} ${waiting === 1 ? "request" : "requests"} waiting`}>
            Support desk{" "}
            <span className="rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950">{waiting}</span>
          </Link>
        )}
        {viewer?.isStaff && (
          <Link href="/admin/providers" className={navLink}>
            Providers
          </Link>
        )}
        <Link href="/docs/api" className={`hidden sm:inline ${navLink}`}>
          API
        </Link>
        <span className="flex-1" />
        {viewer && unread !== null && <NotificationBell unread={unread} />}
        {viewer ? (
          <details className="relative">
            <summary className={`${navLink} cursor-pointer list-none`} aria-label={`Account menu for ${viewer.username}`}>
              <span className="font-medium">{viewer.username}</span>
              {viewer.isStaff && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">staff</span>}
              <span aria-hidden="true"> ▾</span>
            </summary>
            <div className="absolute right-0 z-10 mt-1 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
              <Link href={`/images?created_by=${encodeURIComponent(viewer.username)}&include_end_dated=true`} className={`block ${navLink}`}>
                My images
              </Link>
              <Link href="/settings/tokens" className={`block ${navLink}`}>
                API tokens
              </Link>
              <Link href="/settings/notifications" className={`block ${navLink}`}>
                Notification settings
              </Link>
              <form action={signOutAction}>
                <button type="submit" className={`block w-full text-left ${navLink}`}>
                  Sign out
                </button>
              </form>
            </div>
          </details>
        ) : (
          <Link href="/login" className={navLink}>
            Sign in
          </Link>
        )}
      </nav>
    </header>
  );
}

/** The bell: a link to /notifications that says how many are unread, to the eye and to screen readers. */
function NotificationBell({ unread }: { unread: number }) {
  return (
    <Link href="/notifications" className={`relative inline-flex items-center ${navLink}`} aria-label={`Notifications, ${unread} unread`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span aria-hidden="true" className="ml-0.5 rounded-full bg-sky-700 px-1.5 text-xs font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
