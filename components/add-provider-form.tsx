"use client";

import { useActionState, useState } from "react";
import type { AdminFormState } from "@/app/admin/providers/actions";
import { FieldError, FormAlert, FormNotice, describedBy, inputClass, primaryButton } from "./form-fields";
import { RadioOption } from "./radio-option";
import { useHydrated } from "./use-hydrated";

type Action = (state: AdminFormState, form: FormData) => Promise<AdminFormState>;

const label = "text-sm font-medium";
const hint = "font-normal text-slate-600 dark:text-slate-400";

/**
 * A new provider (SPEC §9): a manual one, or an OpenStack cloud signed in to with an application
 * credential or a password. The secret fields are never filled from what was sent: a rejected
 * form asks for the secret again. Without JavaScript every field shows, and the radio buttons
 * decide which are used.
 */
export function AddProviderForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return <Fields key={JSON.stringify(state.values ?? null) + (state.notice ?? "")} state={state} formAction={formAction} pending={pending} />;
}

function Fields({ state, formAction, pending }: { state: AdminFormState; formAction: (form: FormData) => void; pending: boolean }) {
  const sent = state.values;
  const value = (key: string, fallback = "") => (typeof sent?.[key] === "string" ? (sent[key] as string) : fallback);
  const [kind, setKind] = useState(value("kind", "openstack"));
  const [signIn, setSignIn] = useState(value("sign_in", "application_credential"));
  const enhanced = useHydrated();
  const shown = (visible: boolean) => (!enhanced || visible ? "" : "hidden");
  const errors = state.errors ?? {};

  const field = (name: string, title: string, options: { hintText?: string; placeholder?: string; secret?: boolean; mono?: boolean } = {}) => (
    <div>
      <label htmlFor={`provider-${name}`} className={label}>
        {title} {options.hintText && <span className={hint}>({options.hintText})</span>}
      </label>
      <input
        id={`provider-${name}`}
        name={name}
        {...(options.secret ? { type: "password", autoComplete: "off", defaultValue: "" } : { defaultValue: value(name) })}
        placeholder={options.placeholder}
        className={`${inputClass}${options.mono ? " font-mono" : ""}`}
        {...describedBy(`provider-${name}`, errors[name])}
      />
      <FieldError name={`provider-${name}`} errors={errors[name]} />
    </div>
  );

  return (
    <form action={formAction} className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <FormNotice>{state.notice}</FormNotice>
      <FormAlert>{state.error}</FormAlert>
      <FieldError name="provider-form" errors={errors.non_field_errors} />
      <fieldset>
        <legend className={label}>Kind</legend>
        <RadioOption name="kind" value="openstack" checked={kind === "openstack"} onSelect={() => setKind("openstack")} title="OpenStack" hint="a Keystone and Glance the catalog syncs with." />
        <RadioOption name="kind" value="manual" checked={kind === "manual"} onSelect={() => setKind("manual")} title="Manual" hint="no cloud behind it: machines are recorded by request completions." />
        <FieldError name="provider-kind" errors={errors.kind} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("name", "Name", { placeholder: "e.g. Jetstream2" })}
        {field("location", "Location", { hintText: "optional; the region if left empty" })}
      </div>
      <div className={`space-y-4 ${shown(kind === "openstack")}`}>
        <p className={`text-sm ${hint}`}>For an OpenStack provider: an account with the admin role, which publishing images and sharing them with other projects needs.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {field("auth_url", "Keystone address", { hintText: "v3", placeholder: "https://keystone.example.org:5000/v3", mono: true })}
          {field("region", "Region", { placeholder: "RegionOne" })}
        </div>
        <fieldset>
          <legend className={label}>Signs in with</legend>
          <RadioOption name="sign_in" value="application_credential" checked={signIn === "application_credential"} onSelect={() => setSignIn("application_credential")} title="An application credential" />
          <RadioOption name="sign_in" value="password" checked={signIn === "password"} onSelect={() => setSignIn("password")} title="A username and password" hint="scoped to a project." />
        </fieldset>
        <div className={`grid gap-4 sm:grid-cols-2 ${shown(signIn === "application_credential")}`}>
          {field("credential_id", "Application credential id", { mono: true })}
          {field("credential_secret", "Application credential secret", { secret: true })}
        </div>
        <div className={`grid gap-4 sm:grid-cols-2 ${shown(signIn === "password")}`}>
          {field("username", "Username")}
          {field("password", "Password", { secret: true })}
          {field("project_name", "Project")}
          {field("domain_name", "Domain", { hintText: "optional", placeholder: "Default" })}
        </div>
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Checking the connection…" : "Add the provider"}
      </button>
    </form>
  );
}
