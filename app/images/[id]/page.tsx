import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { currentViewer } from "@/lib/auth/viewer";
import { providerNames } from "@/lib/cloud/providers";
import { findVisibleImage } from "@/lib/images/get-image";
import type { ImageVersionJson } from "@/lib/api/response-schemas";
import { toImageJson } from "@/lib/images/serialize";
import { canEditImage } from "@/lib/images/visibility";
import { orPageError } from "@/lib/pages";
import { catalogHref } from "@/lib/catalog-url";
import { StatusBadges } from "@/components/badges";
import { DateText } from "@/components/dates";
import { Section } from "@/components/section";
import { ImageIcon } from "@/components/image-icon";
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
        {groupByVersion(image.versions).map(([version, entries]) => (
          <div key={version} className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table className="w-full text-left text-sm">
              <caption className="bg-slate-100 px-3 py-2 text-left font-medium dark:bg-slate-900">Version {version}</caption>
              <thead>
                <tr className="text-slate-600 dark:text-slate-400">
                  <th scope="col" className="px-3 py-2 font-medium">Provider</th>
                  <th scope="col" className="px-3 py-2 font-medium">Available since</th>
                  <th scope="col" className="px-3 py-2 font-medium">Until</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.alias} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="px-3 py-2">{providers.get(entry.provider) ?? `Provider ${entry.provider}`}</td>
                    <td className="px-3 py-2">
                      <DateText iso={entry.start_date} />
                    </td>
                    <td className="px-3 py-2">{entry.end_date ? <DateText iso={entry.end_date} /> : "still available"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </Section>
    </article>
  );
}

/** Versions in their order (oldest first), each with the providers it is on. */
function groupByVersion(versions: ImageVersionJson[]): [string, ImageVersionJson[]][] {
  const groups = new Map<string, ImageVersionJson[]>();
  for (const version of versions) groups.set(version.version, [...(groups.get(version.version) ?? []), version]);
  return [...groups];
}
