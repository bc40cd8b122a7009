import type { Metadata } from "next";
import Link from "next/link";
import { emailSettings } from "@/lib/notifications/email-settings";
import { KIND_LABELS, type NotificationKind } from "@/lib/notifications/kinds";
import { mailSettings } from "@/lib/notifications/mail-settings";
import { requireViewer } from "@/lib/pages";
import { saveEmailSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/settings/notifications");
  const settings = await emailSettings(viewer);
  const { saved } = await searchParams;
  const mailOn = mailSettings().smtpUrl !== null;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Notification settings</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Every notification appears under{" "}
          <Link href="/notifications" className="text-sky-700 underline dark:text-sky-400">
            Notifications
          </Link>
          . Choose which ones are also e-mailed to you.
          {!mailOn && " This server sends no e-mail at the moment: your choices apply once it does."}
        </p>
        {saved === "1" && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            Your settings were saved.
          </p>
        )}
        {saved === "0" && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
            Those settings could not be saved: choose among the kinds below.
          </p>
        )}
      </div>
      <form action={saveEmailSettingsAction} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <fieldset className="space-y-3">
          <legend className="mb-2 font-medium">E-mail me when</legend>
          {(Object.entries(settings) as [NotificationKind, boolean][]).map(([kind, on]) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="checkbox" name="email" value={kind} defaultChecked={on} className="h-4 w-4" />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2">
          Save
        </button>
      </form>
    </div>
  );
}
