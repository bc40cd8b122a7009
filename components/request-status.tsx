import { STATUS_LABELS, type RequestStatus } from "@/lib/image-requests/statuses";

const COLOURS: Record<RequestStatus, string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  approved: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  processing: "bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100",
  completed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  denied: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  closed: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${COLOURS[status]}`}>{STATUS_LABELS[status]}</span>;
}
