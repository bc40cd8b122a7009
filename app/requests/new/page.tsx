import type { Metadata } from "next";
import Link from "next/link";
import { findOwnInstance } from "@/lib/cloud/instances";
import { requestOptions } from "@/lib/image-requests/request-options";
import { requireViewer } from "@/lib/pages";
import { otherUsernames } from "@/lib/users/usernames";
import { RequestForm } from "@/components/request-form";
import { submitRequestAction } from "../actions";

export const metadata: Metadata = { title: "Request an image" };

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ instance?: string | string[] }> }) {
  const { instance: alias } = await searchParams;
  const viewer = await requireViewer(`/requests/new${typeof alias === "string" ? `?instance=${encodeURIComponent(alias)}` : ""}`);
  const instance = typeof alias === "string" ? await findOwnInstance(viewer, alias) : null;
  if (!instance) {
    return (
      <div className="mx-auto max-w-lg space-y-3 py-8 text-center">
        <h1 className="text-2xl font-semibold">Which instance?</h1>
        <p>Choose one of your running instances to image.</p>
        <Link href="/instances" className="font-medium text-sky-700 underline dark:text-sky-400">
          My instances
        </Link>
      </div>
    );
  }
  const options = await requestOptions(viewer, instance.alias);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request an image</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Of <strong>{instance.name}</strong> on {instance.provider_name}
          {options.source && (
            <>
              , launched from <Link href={`/images/${options.source.imageId}`} className="underline">{options.source.imageName}</Link> version {options.source.version}
            </>
          )}
          . Support will review the request; you can follow it under My requests.
        </p>
      </div>
      {!options.imageable ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {options.source ? `Version ${options.source.version} of ${options.source.imageName}` : "The version it was launched from"} may not be imaged (licensed software, for example), so no image can be made of this instance.
        </p>
      ) : (
        <RequestForm instance={instance} options={options} usernames={await otherUsernames(viewer.id)} action={submitRequestAction} />
      )}
    </div>
  );
}
