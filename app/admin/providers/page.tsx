import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireViewer } from "@/lib/pages";
import { DELIVERIES_SHOWN, providersOverview } from "@/lib/providers/admin-overview";
import { AddProviderForm } from "@/components/add-provider-form";
import { MapIdentityForm, RetryDeliveriesForm, SyncNowForm } from "@/components/provider-forms";
import { DeliveryRows, IdentityRows, ProviderRow, SyncHistory, Table } from "@/components/provider-tables";
import { Section } from "@/components/section";
import { addProviderAction, mapIdentityAction, retryDeliveriesAction, syncNowAction } from "./actions";

export const metadata: Metadata = { title: "Providers" };

/** Staff's view of the clouds behind the catalog (SPEC §9). */
export default async function ProvidersPage() {
  const viewer = await requireViewer("/admin/providers");
  if (!viewer.isStaff) forbidden();
  const { providers, identities, deliveries } = await providersOverview(viewer);

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Providers</h1>
        <p className="text-slate-700 dark:text-slate-300">
          The clouds behind the catalog. OpenStack providers are synced with their Glance on a timer and on demand; the catalog&apos;s decisions about who may see
          an image are written back to Glance through a queue of deliveries.
        </p>
      </div>

      <Section id="providers" title="Providers">
        {providers.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No providers yet: add one below.</p>
        ) : (
          <Table label="Providers" headings={["Name", "Kind", "Region", "Credential", "Last sync", ""]}>
            {providers.map((provider) => (
              <ProviderRow
                key={provider.id}
                provider={provider}
                syncButton={provider.kind === "openstack" && provider.active ? <SyncNowForm providerName={provider.name} action={syncNowAction.bind(null, provider.id)} /> : null}
              />
            ))}
          </Table>
        )}
      </Section>

      <Section id="syncs" title="Sync history">
        <SyncHistory providers={providers} />
      </Section>

      <Section id="deliveries" title="Deliveries to clouds">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Changes to images waiting to be written to their cloud, or given up on after a day of retries (newest first, at most {DELIVERIES_SHOWN}).
        </p>
        {deliveries.length === 0 ? (
          <p>Every change has been delivered.</p>
        ) : (
          <RetryDeliveriesForm action={retryDeliveriesAction}>
            <DeliveryRows deliveries={deliveries} />
          </RetryDeliveriesForm>
        )}
      </Section>

      <Section id="identities" title="Identities on clouds">
        <IdentityRows identities={identities} />
        {providers.length > 0 && <MapIdentityForm providers={providers.map(({ id, name, kind }) => ({ id, name, kind }))} action={mapIdentityAction} />}
      </Section>

      <Section id="add-provider" title="Add a provider">
        <AddProviderForm action={addProviderAction} />
      </Section>
    </div>
  );
}
