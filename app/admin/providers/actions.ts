"use server";

import { revalidatePath } from "next/cache";
import { currentViewer } from "@/lib/auth/viewer";
import { formFailure, formValues, type FormState } from "@/lib/form-state";
import { retryDeliveries } from "@/lib/providers/admin-overview";
import { addProvider } from "@/lib/providers/add-provider";
import { mapIdentity } from "@/lib/providers/map-identity";
import { syncNow } from "@/lib/providers/sync/sync-now";
import type { SyncResult } from "@/lib/providers/sync/sync-provider";
import { readIdentityForm, readProviderForm, SECRET_FIELDS } from "@/lib/validations/provider-form";

/** A form of /admin/providers: what went wrong, or what was done. */
export type AdminFormState = FormState & { notice?: string };

const withoutSecrets = (values: Record<string, string | string[]>) => Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.has(key)));

const refresh = () => revalidatePath("/", "layout");

export async function addProviderAction(_previous: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = withoutSecrets(formValues(form));
  try {
    const added = await addProvider(await currentViewer(), readProviderForm(form));
    refresh();
    const found = added.checked ? ` Signed in with the roles ${added.checked.roles.join(", ")}; Glance is at ${added.checked.imageUrl}.` : "";
    return { notice: `Added ${added.name} (${added.kind}).${found}` };
  } catch (error) {
    return { ...formFailure(error), values };
  }
}

export async function mapIdentityAction(_previous: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = formValues(form);
  try {
    const mapped = await mapIdentity(await currentViewer(), readIdentityForm(form));
    refresh();
    return { notice: `${mapped.username} has an identity on ${mapped.provider_name}${mapped.project_id ? ` in project ${mapped.project_id}` : ""}.` };
  } catch (error) {
    return { ...formFailure(error), values };
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const describeSync = (result: SyncResult) =>
  `${result.providerName}: ${result.seen} seen, ${result.added} added, ${result.updated} updated, ${result.retired} retired, ${result.restored} restored, ${result.skipped} skipped in ${seconds(result.durationMs)}.`;

/** "Sync now" (the form state before it is not needed: each press is a new sync). */
export async function syncNowAction(providerId: number): Promise<AdminFormState> {
  try {
    const result = await syncNow(await currentViewer(), providerId);
    refresh();
    if (result.error) return { error: `The sync of ${result.providerName} failed after ${seconds(result.durationMs)}: ${result.error}` };
    return { notice: `Synced ${describeSync(result)}` };
  } catch (error) {
    return formFailure(error);
  }
}

/** "Retry now": the button pressed names one delivery (id), or none for all of them. */
export async function retryDeliveriesAction(_previous: AdminFormState, form: FormData): Promise<AdminFormState> {
  try {
    const ids = form.getAll("id").filter((value) => typeof value === "string" && value !== "");
    const { retried } = await retryDeliveries(await currentViewer(), ids.length > 0 ? ids : undefined);
    refresh();
    return { notice: retried === 0 ? "Nothing was waiting: the deliveries shown are being tried now." : `${retried} ${retried === 1 ? "delivery is" : "deliveries are"} tried again now.` };
  } catch (error) {
    return formFailure(error);
  }
}
