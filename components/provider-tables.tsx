import Link from "next/link";
import type { ReactNode } from "react";
import type { DeliveryOverview, IdentityOverview, ProviderOverview, SyncRun } from "@/lib/providers/admin-overview";
import { DateText } from "./dates";

// The tables of /admin/providers (server components: the forms in them are the client parts).

const cell = "px-3 py-2 align-top";
const muted = "text-slate-600 dark:text-slate-400";

export function Table({ label, headings, children }: { label: string; headings: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="bg-slate-100 dark:bg-slate-900">
          <tr>
            {headings.map((heading, index) => (
              <th key={index} scope="col" className="px-3 py-2 font-medium">
                {heading || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const row = "border-t border-slate-200 dark:border-slate-800";

export function duration(ms: number | null): string {
  if (ms === null) return "running";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const counts = (run: SyncRun) => `${run.seen} seen, ${run.added} added, ${run.updated} updated, ${run.retired} retired, ${run.restored} restored`;

/** "when · how long · seen/added/updated/retired/restored · error" of a provider's last run. */
export function LastSync({ run }: { run: SyncRun | undefined }) {
  if (!run) return <span className={muted}>never</span>;
  return (
    <span>
      <DateText iso={run.startedAt} withTime /> · {duration(run.durationMs)} · {counts(run)}
      {run.error && <span className="text-red-700 dark:text-red-400"> · {run.error}</span>}
    </span>
  );
}

export function ProviderRow({ provider, syncButton }: { provider: ProviderOverview; syncButton: ReactNode }) {
  return (
    <tr className={row}>
      <td className={`${cell} font-medium`}>
        {provider.name}
        {!provider.active && <span className={`ml-1 ${muted}`}>(inactive)</span>}
        <div className={`text-xs font-normal ${muted}`}>{provider.location}</div>
      </td>
      <td className={cell}>{provider.kind}</td>
      <td className={cell}>{provider.region ?? "—"}</td>
      <td className={`${cell} break-all`}>
        {provider.credential ?? "—"}
        {provider.authUrl && <div className={`font-mono text-xs ${muted}`}>{provider.authUrl}</div>}
      </td>
      <td className={`${cell} min-w-64`}>
        {provider.kind === "openstack" ? <LastSync run={provider.syncs[0]} /> : <span className={muted}>no cloud to sync</span>}
        {provider.syncing && <div className="text-amber-800 dark:text-amber-300">Syncing now…</div>}
        {!provider.syncing && provider.nextSyncDue && (
          <div className={`text-xs ${muted}`}>
            next due <DateText iso={provider.nextSyncDue} withTime />
          </div>
        )}
      </td>
      <td className={`${cell} min-w-40`}>{syncButton}</td>
    </tr>
  );
}

export function SyncHistory({ providers }: { providers: ProviderOverview[] }) {
  const runs = providers.flatMap((provider) => provider.syncs.map((run) => ({ provider: provider.name, run })));
  if (runs.length === 0) return <p className={muted}>No provider has been synced yet.</p>;
  runs.sort((a, b) => b.run.startedAt.localeCompare(a.run.startedAt) || b.run.id - a.run.id);
  return (
    <Table label="Sync runs" headings={["Provider", "Started", "By", "Took", "Seen", "Added", "Updated", "Retired", "Restored", "Skipped", "Error"]}>
      {runs.map(({ provider, run }) => (
        <tr key={run.id} className={row}>
          <td className={`${cell} font-medium`}>{provider}</td>
          <td className={cell}>
            <DateText iso={run.startedAt} withTime />
          </td>
          <td className={cell}>{run.trigger}</td>
          <td className={cell}>{duration(run.durationMs)}</td>
          {[run.seen, run.added, run.updated, run.retired, run.restored, run.skipped].map((count, index) => (
            <td key={index} className={`${cell} tabular-nums`}>
              {count}
            </td>
          ))}
          <td className={`${cell} text-red-700 dark:text-red-400`}>{run.error}</td>
        </tr>
      ))}
    </Table>
  );
}

export function DeliveryRows({ deliveries }: { deliveries: DeliveryOverview[] }) {
  return (
    <Table label="Undelivered changes" headings={["Image", "Provider", "Why", "Status", "Tries", "Next try", "Last error", ""]}>
      {deliveries.map((delivery) => (
        <tr key={delivery.id} className={row}>
          <td className={cell}>
            {delivery.imageName ? <Link href={`/images/${delivery.image}`} className="font-medium underline">{delivery.imageName}</Link> : (delivery.image ?? "—")}
            <div className={`break-all font-mono text-xs ${muted}`}>Glance {delivery.machine ?? "?"}</div>
          </td>
          <td className={cell}>{delivery.providerName ?? delivery.provider ?? "—"}</td>
          <td className={cell}>{delivery.reason}</td>
          <td className={cell}>{delivery.status === "failed" ? <span className="font-medium text-red-700 dark:text-red-400">failed (gave up)</span> : "pending"}</td>
          <td className={`${cell} tabular-nums`}>{delivery.attempts}</td>
          <td className={cell}>{delivery.status === "failed" ? "—" : <DateText iso={delivery.runAfter} withTime />}</td>
          <td className={`${cell} max-w-md break-words text-red-700 dark:text-red-400`}>{delivery.lastError || <span className={muted}>not tried yet</span>}</td>
          <td className={cell}>
            <button type="submit" name="id" value={delivery.id} className="rounded-md border border-slate-400 px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
              Retry now<span className="sr-only"> (delivery {delivery.id})</span>
            </button>
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function IdentityRows({ identities }: { identities: IdentityOverview[] }) {
  if (identities.length === 0) return <p className={muted}>No user has an identity on an openstack provider yet.</p>;
  return (
    <Table label="Identities on openstack providers" headings={["User", "Provider", "Keystone project"]}>
      {identities.map((identity) => (
        <tr key={identity.id} className={row}>
          <td className={`${cell} font-medium`}>{identity.username}</td>
          <td className={cell}>{identity.providerName}</td>
          <td className={`${cell} font-mono`}>{identity.projectId ?? <span className={muted}>none</span>}</td>
        </tr>
      ))}
    </Table>
  );
}
