import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { findVisibleImage } from "@/lib/images/get-image";
import { imageEtag, toImageJson } from "@/lib/images/serialize";
import { canEditImage } from "@/lib/images/visibility";
import { orPageError, requireViewer } from "@/lib/pages";
import { ImageEditForm } from "@/components/image-edit-form";
import { IconUploadForm } from "@/components/icon-upload-form";
import { saveImageAction, uploadIconAction } from "./actions";

export const metadata: Metadata = { title: "Edit image" };

export default async function EditImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/images/${id}/edit`);
  const row = await orPageError(findVisibleImage(viewer, id));
  if (!canEditImage(viewer, row)) forbidden();
  const image = toImageJson(row, viewer);

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <Link href={`/images/${image.id}`} className="text-sm text-sky-700 underline dark:text-sky-400">
          ← {image.name}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Edit image</h1>
      </div>
      <ImageEditForm image={image} etag={imageEtag(row)} renderedAt={new Date().getTime()} action={saveImageAction.bind(null, image.id)} />
      <IconUploadForm image={image} action={uploadIconAction.bind(null, image.id)} />
    </div>
  );
}
