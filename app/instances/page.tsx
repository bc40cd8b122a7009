import type { Metadata } from "next";
import Link from "next/link";
import { listOwnInstances } from "@/lib/cloud/instances";
import { openRequestsFor } from "@/lib/image-requests/find-requests";
import { requireViewer } from "@/lib/pages";
import { DateText } from "@/components/dates";

export const metadata: Metadata = { title: "My instances" };

export default async function InstancesPage() {
  const viewer = await requireViewer("/instances");
  const instances = await listOwnInstances(viewer);
  const open = await openRequestsFor(instances.map((instance) => instance.alias));

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">My instances</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          To offer what runs on an instance to others, or to keep it, ask support to image it. They will check the request and
          create the image in the catalog.
        </p>
      </div>
      {instances.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">You have no running instances.</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {instances.map((instance) => (
            <li key={instance.alias} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div>
                <h2 className="font-semibold">{instance.name}</h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {instance.provider_name} · {instance.ip_address ?? "no address"} · {instance.status} · since <DateText iso={instance.start_date} />
                </p>
              </div>
              {open.has(instance.alias) ? (
                <Link href={`/requests/${open.get(instance.alias)}`} className="inline-block text-sm text-sky-700 underline dark:text-sky-400">
                  An image request is open (#{open.get(instance.alias)})
                </Link>
              ) : (
                <Link
                  href={`/requests/new?instance=${instance.alias}`}
                  className="inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                  aria-label={`Request an image of ${instance.name}`}
                >
                  Request an image
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
