import Link from "next/link";
import type { RequestJson } from "@/lib/api/response-schemas";
import { DateText } from "./dates";
import { RequestKind } from "./request-kind";
import { RequestStatusBadge } from "./request-status";

/** One request in a list: what, whose, when, and where it stands. */
export function RequestSummary({ request, showRequester = false }: { request: RequestJson; showRequester?: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Link href={`/requests/${request.id}`} className="font-semibold text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
        #{request.id} {request.name}
      </Link>
      <RequestStatusBadge status={request.status} />
      <span className="text-sm text-slate-600 dark:text-slate-400">
        {showRequester && <>by {request.created_by} · </>}
        <DateText iso={request.start_date} withTime />
      </span>
      <span className="w-full text-sm">
        <RequestKind request={request} />
      </span>
    </div>
  );
}
