import type { Metadata } from "next";
import Link from "next/link";
import { openStackProviderIds, providerNames } from "@/lib/cloud/providers";
import { findVisibleRequest } from "@/lib/image-requests/find-requests";
import { toRequestJson } from "@/lib/image-requests/serialize";
import { allowedMoves } from "@/lib/image-requests/statuses";
import { orPageError, requireViewer } from "@/lib/pages";
import { DateText } from "@/components/dates";
import { Section } from "@/components/section";
import { RequestActions } from "@/components/request-actions";
import { RequestStatusBadge } from "@/components/request-status";
import { RequestTimeline } from "@/components/request-timeline";
import { moveRequestAction } from "../actions";
import { RequestKind } from "@/components/request-kind";

export const metadata: Metadata = { title: "Image request" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function RequestPage({ params, searchParams }: Props) {
  const { id } = await params;
  const viewer = await requireViewer(`/requests/${id}`);
  const row = await orPageError(findVisibleRequest(viewer, id));
  const request = toRequestJson(row);
  const [providers, clouds] = await Promise.all([providerNames(), openStackProviderIds()]);
  const moves = allowedMoves(request.status, { isStaff: viewer.isStaff, isRequester: row.createdById === viewer.id });
  const { created } = await searchParams;

  const details: [string, React.ReactNode][] = [
    ["Requested by", request.created_by],
    ["What it makes", <RequestKind key="k" request={request} />],
    ["Instance", <code key="i">{request.instance}</code>],
    ["Provider", providers.get(request.provider) ?? request.provider],
    ["IP address", request.ip_address ?? "—"],
    ["Who may see it", request.vis === "public" ? "Everyone" : request.vis === "private" ? "Only the requester" : `The requester and ${request.vis.join(", ")}`],
    ["Tags", request.tags.join(", ") || "—"],
    ["Installed software", request.software || "—"],
    ["Notes for support", request.sys || "—"],
    ["Files to leave out", request.exclude || "—"],
    ["Change log", request.change_log || "—"],
    ["Requirements", [request.min_cpu !== null && `${request.min_cpu} CPUs`, request.min_memory_gb !== null && `${request.min_memory_gb} GB memory`, request.min_disk_gb !== null && `${request.min_disk_gb} GB disk`].filter(Boolean).join(", ") || "—"],
  ];

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      {created && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          Your request was sent to support.
        </p>
      )}
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold break-words">
          Request #{request.id}: {request.name}
        </h1>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
          <RequestStatusBadge status={request.status} />
          <span>
            sent <DateText iso={request.start_date} withTime />
          </span>
        </div>
        {request.admin_message && (
          <p className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 dark:bg-amber-950">
            <span className="font-medium">Support says: </span>
            <span className="whitespace-pre-line">{request.admin_message}</span>
          </p>
        )}
        {request.image && (
          <p>
            <Link href={`/images/${request.image}`} className="font-medium text-sky-700 underline dark:text-sky-400">
              See the image in the catalog
            </Link>
          </p>
        )}
      </header>

      <Section id="what" title="What was asked">
        <p className="whitespace-pre-line">{request.description}</p>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
          {details.map(([term, description]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
              <dd className="whitespace-pre-line break-words">{description}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="timeline" title="Timeline">
        <RequestTimeline history={request.history} />
      </Section>

      {moves.length > 0 && (
        <Section id="actions" title={viewer.isStaff ? "Process the request" : "Change your mind?"}>
          <RequestActions requestId={request.id} moves={moves} staff={viewer.isStaff} cloudImage={clouds.has(request.provider)} action={moveRequestAction.bind(null, request.id)} />
        </Section>
      )}
    </div>
  );
}
