import { signOutEverywhereAction } from "@/app/login/actions";

/** "Sign out everywhere": ends the sessions of every browser, this one too. A plain form: works without JavaScript. */
export function SignedInBrowsers({ liveSessions }: { liveSessions: number }) {
  return (
    <section aria-labelledby="sessions-heading" className="space-y-3">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Signed-in browsers
      </h2>
      <p className="text-slate-700 dark:text-slate-300">
        You are signed in on {liveSessions === 1 ? "1 browser" : `${liveSessions} browsers`}. A session ends when you sign out,
        after a day without use, and two weeks after signing in. Signing out everywhere ends them all, this one included; API
        tokens are not affected.
      </p>
      <form action={signOutEverywhereAction}>
        <button type="submit" className="rounded-md border border-red-700 px-4 py-2 font-medium text-red-700 hover:bg-red-50 dark:border-red-400 dark:text-red-400 dark:hover:bg-red-950">
          Sign out everywhere
        </button>
      </form>
    </section>
  );
}
