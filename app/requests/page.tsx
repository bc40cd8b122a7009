import type { Metadata } from "next";
import Link from "next/link";
import { listRequests } from "@/lib/image-requests/find-requests";
import { requireViewer } from "@/lib/pages";
import { RequestSummary } from "@/components/request-summary";

export const metadata: Metadata = { title: "My requests" };

export default async function RequestsPage() {
  const viewer = await requireViewer("/requests");
  const requests = await listRequests(viewer, { page: 1, page_size: 1000, status: [], mine: true }, new URL("http://requests.invalid"));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">My image requests</h1>
      {requests.count === 0 ? (
        <p>
          You have not asked for an image yet.{" "}
          <Link href="/instances" className="text-sky-700 underline dark:text-sky-400">
            Choose an instance to image
          </Link>
          .
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {requests.results.map((request) => (
            <li key={request.id} className="p-4">
              <RequestSummary request={request} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
