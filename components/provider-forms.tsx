"use client";

import { useActionState, type ReactNode } from "react";
import type { AdminFormState } from "@/app/admin/providers/actions";
import { FieldError, FormAlert, FormNotice, describedBy, inputClass, primaryButton } from "./form-fields";

// The smaller forms of /admin/providers. Each is a plain form posting a server action: without
// JavaScript the page comes back with the form's answer; with it, the answer appears in place.

type Action = (state: AdminFormState, form: FormData) => Promise<AdminFormState>;

const smallButton = "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";

/** "Sync now" for one openstack provider, with what the sync found. */
export function SyncNowForm({ providerName, action }: { providerName: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <button type="submit" disabled={pending} className={smallButton} aria-label={`Sync ${providerName} now`}>
        {pending ? "Syncing…" : "Sync now"}
      </button>
      <FormNotice>{state.notice}</FormNotice>
      <FormAlert>{state.error}</FormAlert>
    </form>
  );
}

/**
 * The deliveries' table inside one form: "Retry all now" sends no id, each row's "Retry now"
 * sends its own.
 */
export function RetryDeliveriesForm({ action, children }: { action: Action; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <FormNotice>{state.notice}</FormNotice>
      <FormAlert>{state.error}</FormAlert>
      <button type="submit" disabled={pending} className={smallButton}>
        {pending ? "Retrying…" : "Retry all now"}
      </button>
      {children}
    </form>
  );
}

/** Gives a user an identity on a provider: on an openstack one, in a Keystone project. */
export function MapIdentityForm({ providers, action }: { providers: { id: number; name: string; kind: string }[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return <IdentityFields key={JSON.stringify(state.values ?? null) + (state.notice ?? "")} {...{ providers, state, formAction, pending }} />;
}

function IdentityFields({ providers, state, formAction, pending }: { providers: { id: number; name: string; kind: string }[]; state: AdminFormState; formAction: (form: FormData) => void; pending: boolean }) {
  const value = (key: string) => (typeof state.values?.[key] === "string" ? (state.values[key] as string) : "");
  const errors = state.errors ?? {};
  const openstack = providers.find((provider) => provider.kind === "openstack");
  return (
    <form action={formAction} className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <FormNotice>{state.notice}</FormNotice>
      <FormAlert>{state.error}</FormAlert>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="identity-username" className="text-sm font-medium">
            Username
          </label>
          <input id="identity-username" name="username" defaultValue={value("username")} className={inputClass} {...describedBy("identity-username", errors.username)} />
          <FieldError name="identity-username" errors={errors.username} />
        </div>
        <div>
          <label htmlFor="identity-provider" className="text-sm font-medium">
            Provider
          </label>
          <select id="identity-provider" name="provider" defaultValue={value("provider") || String(openstack?.id ?? providers[0]?.id ?? "")} className={inputClass} {...describedBy("identity-provider", errors.provider)}>
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name} ({provider.kind})
              </option>
            ))}
          </select>
          <FieldError name="identity-provider" errors={errors.provider} />
        </div>
        <div>
          <label htmlFor="identity-project" className="text-sm font-medium">
            Keystone project id <span className="font-normal text-slate-600 dark:text-slate-400">(openstack)</span>
          </label>
          <input id="identity-project" name="project_id" defaultValue={value("project_id")} className={`${inputClass} font-mono`} {...describedBy("identity-project", errors.project_id)} />
          <FieldError name="identity-project" errors={errors.project_id} />
        </div>
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Saving…" : "Map the identity"}
      </button>
    </form>
  );
}
