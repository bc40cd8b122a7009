import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { currentViewer } from "@/lib/auth/viewer";
import { providerNames } from "@/lib/cloud/providers";
import { findVisibleImage } from "@/lib/images/get-image";
import { toImageJson } from "@/lib/images/serialize";
import { canEditImage } from "@/lib/images/visibility";
import { orPageError } from "@/lib/pages";
import { catalogHref } from "@/lib/catalog-url";
import { StatusBadges } from "@/components/badges";
import { DateText } from "@/components/dates";
import { Section } from "@/components/section";
import { ImageIcon } from "@/components/image-icon";
import { VersionTimeline } from "@/components/version-timeline";
import { readVersions } from "@/lib/versions/read-versions";
import { toVersionJson } from "@/lib/versions/serialize";
import { ImageFavorite } from "@/components/image-favorite";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

// The metadata and the page both need the image: one read per request.
const visibleImage = cache(async (id: string) => orPageError(findVisibleImage(await currentViewer(), id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await visibleImage((await params).id)).name };
}

export default async function ImagePage({ params, searchParams }: Props) {
  const viewer = await currentViewer();
  const [row, providers] = await Promise.all([visibleImage((await params).id), providerNames()]);
  const versions = await readVersions(viewer, row.id);
  const image = toImageJson(row, viewer);
  const now = new Date();
  const { saved } = await searchParams;

  return (
    <article className="space-y-8">
      {saved && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          Your changes were saved.
        </p>
      )}
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <ImageIcon image={image} size={80} />
        <div className="flex-1 space-y-2">
          <h1 className="text-2xl font-semibold break-words sm:text-3xl">{image.name}</h1>
          <p className="text-slate-600 dark:text-slate-400">
            Created by <strong>{image.created_by}</strong> on <DateText iso={image.start_date} withTime />
          </p>
          <div className="flex flex-wrap gap-1.5">
            <StatusBadges image={image} now={now} />
          </div>
        </div>
        <ImageFavorite viewer={viewer} imageId={image.id} />
        {canEditImage(viewer, row) && (
          <Link href={`/images/${image.id}/edit`} className="self-start rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
            Edit
          </Link>
        )}
      </header>

      <Section id="description" title="Description">
        <p className="max-w-prose whitespace-pre-line break-words">{image.description || "No description."}</p>
      </Section>

      <Section id="tags" title="Tags">
        {image.tags.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No tags.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {image.tags.map((tag) => (
              <li key={tag}>
                <Link
                  href={catalogHref(new URLSearchParams(), { addTag: tag })}
                  className="rounded-full bg-sky-50 px-3 py-1 text-sm text-sky-900 underline-offset-2 hover:underline dark:bg-sky-950 dark:text-sky-100"
                >
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {image.shared_with && (
        <Section id="sharing" title="Who can see it">
          <p>
            {!image.private
              ? "Everyone: it is public."
              : image.shared_with.length === 0
                ? "Only you and staff: it is private."
                : `You, staff, and ${image.shared_with.join(", ")}.`}
          </p>
        </Section>
      )}

      <Section id="versions" title="Versions">
        <VersionTimeline imageId={image.id} versions={versions.map(toVersionJson)} providers={providers} canEdit={canEditImage(viewer, row)} now={now} />
      </Section>
    </article>
  );
}
