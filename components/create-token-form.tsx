"use client";

import { useActionState } from "react";
import { createTokenAction, type CreateTokenState } from "@/app/settings/tokens/actions";
import { FieldError, FormAlert, describedBy, inputClass, primaryButton } from "./form-fields";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  return (
    <section aria-labelledby="new-token-heading" className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="new-token-heading" className="text-lg font-semibold">
        New token
      </h2>
      {state.token && (
        <div role="status" className="space-y-2 rounded-md bg-emerald-50 p-3 dark:bg-emerald-950">
          <p className="font-medium">Copy your token now: it will not be shown again.</p>
          <label htmlFor="new-token" className="sr-only">
            Your new token
          </label>
          <input id="new-token" readOnly value={state.token} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono`} />
        </div>
      )}
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <FormAlert>{state.errors ? undefined : state.error}</FormAlert>
        <div>
          <label htmlFor="token-name" className="text-sm font-medium">
            What it is for
          </label>
          <input id="token-name" name="name" required maxLength={100} placeholder="e.g. lab laptop" className={inputClass} {...describedBy("name", state.errors?.name)} />
          <FieldError name="name" errors={state.errors?.name} />
        </div>
        <div>
          <label htmlFor="token-expiry" className="text-sm font-medium">
            Expires
          </label>
          <select id="token-expiry" name="expires_in_days" defaultValue="90" className={inputClass}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </select>
          <FieldError name="expires_in_days" errors={state.errors?.expires_in_days} />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </section>
  );
}
