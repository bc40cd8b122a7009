import Link from "next/link";
import type { ReactNode } from "react";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

export const primaryButton =
  "rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";

/** The props that tie an input to its error message for screen readers. */
export const describedBy = (name: string, errors?: string[]) =>
  errors?.length ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};

export function FieldError({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  );
}

export function FormAlert({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {children}
    </p>
  );
}

/** An edit form's last row: save (disabled while it is sent), or go back without saving. */
export function SaveOrCancel({ pending, cancelHref }: { pending: boolean; cancelHref: string }) {
  return (
    <div className="flex items-center gap-4">
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Saving…" : "Save changes"}
      </button>
      <Link href={cancelHref} className="underline">
        Cancel
      </Link>
    </div>
  );
}

/** What a form did, said to screen readers as it appears. */
export function FormNotice({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      {children}
    </p>
  );
}
