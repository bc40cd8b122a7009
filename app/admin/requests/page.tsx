import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { openStackProviderIds } from "@/lib/cloud/providers";
import { listRequests } from "@/lib/image-requests/find-requests";
import { allowedMoves, REQUEST_STATUSES, type RequestStatus } from "@/lib/image-requests/statuses";
import { requireViewer } from "@/lib/pages";
import { RequestActions } from "@/components/request-actions";
import { RequestSummary } from "@/components/request-summary";
import { moveRequestAction } from "@/app/requests/actions";

export const metadata: Metadata = { title: "Support desk" };

const FILTERS: { key: string; label: string; statuses: RequestStatus[] }[] = [
  { key: "waiting", label: "Waiting", statuses: ["pending", "approved"] },
  { key: "processing", label: "Being imaged", statuses: ["processing"] },
  { key: "failed", label: "Failed", statuses: ["failed"] },
  { key: "finished", label: "Finished", statuses: ["completed", "denied", "closed"] },
  { key: "all", label: "All", statuses: [...REQUEST_STATUSES] },
];

export default async function SupportDeskPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const viewer = await requireViewer("/admin/requests");
  if (!viewer.isStaff) forbidden();
  const { status } = await searchParams;
  const filter = FILTERS.find((candidate) => candidate.key === status) ?? FILTERS[0];
  const [requests, clouds] = await Promise.all([listRequests(viewer, { page: 1, page_size: 200, status: filter.statuses }, new URL("http://desk.invalid")), openStackProviderIds()]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Support desk: image requests</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {FILTERS.map((candidate) => (
          <Link
            key={candidate.key}
            href={`/admin/requests?status=${candidate.key}`}
            aria-current={candidate === filter ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${candidate === filter ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
          >
            {candidate.label}
          </Link>
        ))}
      </nav>
      {requests.count === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing here.</p>
      ) : (
        <ul className="space-y-4">
          {requests.results.map((request) => (
            <li key={request.id} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <RequestSummary request={request} showRequester />
              <p className="line-clamp-3 whitespace-pre-line text-sm">{request.description}</p>
              <RequestActions
                requestId={request.id}
                moves={allowedMoves(request.status, { isStaff: true, isRequester: request.created_by === viewer.username })}
                staff
                cloudImage={clouds.has(request.provider)}
                action={moveRequestAction.bind(null, request.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
