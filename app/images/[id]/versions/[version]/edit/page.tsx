import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { canEditImage } from "@/lib/images/visibility";
import { orPageError, requireViewer } from "@/lib/pages";
import { findVisibleVersion } from "@/lib/versions/get-version";
import { toVersionJson, versionEtag } from "@/lib/versions/serialize";
import { VersionEditForm } from "@/components/version-edit-form";
import { saveVersionAction } from "./actions";

export const metadata: Metadata = { title: "Edit version" };

export default async function EditVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version: name } = await params;
  const viewer = await requireViewer(`/images/${id}/versions/${name}/edit`);
  const { image, version } = await orPageError(findVisibleVersion(viewer, id, name));
  if (!canEditImage(viewer, image)) forbidden();
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <Link href={`/images/${image.id}#versions-heading`} className="text-sm text-sky-700 underline dark:text-sky-400">
          ← {image.name}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">
          Edit version {version.name} of {image.name}
        </h1>
      </div>
      <VersionEditForm imageId={image.id} version={toVersionJson(version)} etag={versionEtag(version)} renderedAt={new Date().getTime()} action={saveVersionAction.bind(null, image.id, version.name)} />
    </div>
  );
}
