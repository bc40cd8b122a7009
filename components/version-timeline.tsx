import Link from "next/link";
import type { VersionJson } from "@/lib/api/response-schemas";
import { DateText } from "./dates";

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

/** "At least 4 CPUs, 16 GB of memory and 40 GB of disk", or null without requirements. */
function requirementsText(version: VersionJson): string | null {
  const parts = [
    version.min_cpu !== null && `${version.min_cpu} ${version.min_cpu === 1 ? "CPU" : "CPUs"}`,
    version.min_memory_gb !== null && `${version.min_memory_gb} GB of memory`,
    version.min_disk_gb !== null && `${version.min_disk_gb} GB of disk`,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  return `At least ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`}.`;
}

/**
 * SPEC §7's timeline: the versions of an image newest first, each with its change log, lineage,
 * requirements, availability per provider, and its retirement when it has one.
 */
export function VersionTimeline({ imageId, versions, providers, canEdit, now }: { imageId: string; versions: VersionJson[]; providers: Map<number, string>; canEdit: boolean; now: Date }) {
  return (
    <ol aria-label="Versions, newest first" className="space-y-6 border-l-2 border-slate-200 pl-5 dark:border-slate-700">
      {[...versions].reverse().map((version) => {
        const retired = version.end_date !== null && new Date(version.end_date) <= now;
        const requirements = requirementsText(version);
        return (
          <li key={version.version} className="relative space-y-2">
            <span aria-hidden="true" className={`absolute -left-[27px] top-1.5 h-3 w-3 rounded-full ${retired ? "bg-slate-400" : "bg-sky-600"}`} />
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-base font-semibold">Version {version.version}</h3>
              {retired && (
                <span className={`${badge} bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100`}>
                  Retired on&nbsp;<DateText iso={version.end_date!} />
                </span>
              )}
              {version.end_date && !retired && (
                <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`}>
                  Retires on&nbsp;<DateText iso={version.end_date} />
                </span>
              )}
              {!version.allow_imaging && <span className={`${badge} bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100`}>May not be imaged</span>}
              {canEdit && (
                <Link href={`/images/${imageId}/versions/${encodeURIComponent(version.version)}/edit`} className="text-sm text-sky-700 underline dark:text-sky-400">
                  Edit version {version.version}
                </Link>
              )}
            </div>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              By {version.created_by} on <DateText iso={version.start_date} />
              {version.parent && (
                <>
                  {" · made from "}
                  {version.parent.image === imageId ? (
                    `version ${version.parent.version}`
                  ) : (
                    <>
                      <Link href={`/images/${version.parent.image}`} className="underline">
                        {version.parent.image_name}
                      </Link>
                      , version {version.parent.version}
                    </>
                  )}
                </>
              )}
            </p>
            {version.change_log && <p className="max-w-prose whitespace-pre-line break-words">{version.change_log}</p>}
            {requirements && <p className="text-sm">{requirements}</p>}
            <table className="text-left text-sm">
              <caption className="sr-only">Where version {version.version} is available</caption>
              <thead>
                <tr className="text-slate-600 dark:text-slate-400">
                  <th scope="col" className="py-1 pr-6 font-medium">Provider</th>
                  <th scope="col" className="py-1 pr-6 font-medium">Available since</th>
                  <th scope="col" className="py-1 font-medium">Until</th>
                </tr>
              </thead>
              <tbody>
                {version.machines.map((machine) => (
                  <tr key={machine.alias}>
                    <td className="py-1 pr-6">{providers.get(machine.provider) ?? `Provider ${machine.provider}`}</td>
                    <td className="py-1 pr-6">
                      <DateText iso={machine.start_date} />
                    </td>
                    <td className="py-1">{machine.end_date ? <DateText iso={machine.end_date} /> : "still available"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {(version.software || version.sys || version.exclude) && (
              <details className="text-sm">
                <summary className="cursor-pointer text-sky-700 dark:text-sky-400">What the request for it said</summary>
                <dl className="mt-2 space-y-2">
                  {(
                    [
                      ["Software", version.software],
                      ["System notes", version.sys],
                      ["Left out of the image", version.exclude],
                    ] as const
                  )
                    .filter(([, value]) => value)
                    .map(([label, value]) => (
                      <div key={label}>
                        <dt className="font-medium">{label}</dt>
                        <dd className="whitespace-pre-line break-words">{value}</dd>
                      </div>
                    ))}
                </dl>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
