"use client";

import { useActionState, useState, type FormEvent } from "react";
import type { VersionJson } from "@/lib/api/response-schemas";
import type { FieldErrors } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { readVersionForm, REQUIREMENT_FIELDS, versionFormFields } from "@/lib/validations/version-form";
import { FieldError, FormAlert, describedBy, inputClass, SaveOrCancel } from "./form-fields";
import { RadioOption } from "./radio-option";

type Props = { imageId: string; version: VersionJson; etag: string; renderedAt: number; action: (state: FormState, form: FormData) => Promise<FormState> };

const LABELS: Record<(typeof REQUIREMENT_FIELDS)[number], string> = { min_cpu: "CPUs", min_memory_gb: "Memory (GB)", min_disk_gb: "Root disk (GB)" };
const legend = "text-sm font-medium";

/** The change log, requirements, imaging rule and availability of one version; works without JavaScript. */
export function VersionEditForm({ imageId, version, etag, renderedAt, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const shown = versionFormFields(version, renderedAt);
  const sent = state.values;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...state.errors, ...clientErrors };
  const [availability, setAvailability] = useState((sent?.availability as string) ?? shown.availability);
  const value = (field: string) => (sent?.[field] as string | undefined) ?? (shown as Record<string, unknown>)[field];

  const validate = (event: FormEvent<HTMLFormElement>) => {
    const found = readVersionForm(new FormData(event.currentTarget)).errors;
    setClientErrors(found);
    if (Object.keys(found).length > 0) event.preventDefault();
  };

  return (
    <form action={formAction} onSubmit={validate} noValidate className="space-y-6" key={JSON.stringify(sent ?? null)}>
      <input type="hidden" name="etag" value={etag} />
      <input type="hidden" name="rendered" value={shown.rendered} />
      <FormAlert>{Object.keys(clientErrors).length > 0 ? "Please correct the fields marked below." : state.error}</FormAlert>

      <div>
        <label htmlFor="change_log" className={legend}>
          Change log
        </label>
        <textarea id="change_log" name="change_log" defaultValue={value("change_log") as string} rows={6} maxLength={10_000} className={inputClass} {...describedBy("change_log", errors.change_log)} />
        <FieldError name="change_log" errors={errors.change_log} />
      </div>

      <fieldset>
        <legend className={legend}>Requirements to launch it (leave empty for none)</legend>
        <div className="mt-1 grid gap-4 sm:grid-cols-3">
          {REQUIREMENT_FIELDS.map((field) => (
            <div key={field}>
              <label htmlFor={field} className="text-sm">
                {LABELS[field]}
              </label>
              <input id={field} name={field} inputMode="numeric" defaultValue={value(field) as string} className={inputClass} {...describedBy(field, errors[field])} />
              <FieldError name={field} errors={errors[field]} />
            </div>
          ))}
        </div>
      </fieldset>

      <label className="flex items-start gap-2">
        <input type="checkbox" name="allow_imaging" defaultChecked={sent ? sent.allow_imaging === "on" : shown.allow_imaging} className="mt-1" />
        <span>
          Instances launched from it may be imaged{" "}
          <span className="text-sm text-slate-600 dark:text-slate-400">— turn off for licensed software that must not be copied</span>
        </span>
      </label>

      <fieldset>
        <legend className={legend}>Availability</legend>
        <RadioOption name="availability" value="available" checked={availability === "available"} onSelect={() => setAvailability("available")} title="Available on every provider it was made for" />
        <RadioOption name="availability" value="retired" checked={availability === "retired"} onSelect={() => setAvailability("retired")} title="Retired on every provider" />
        <FieldError name="end_date" errors={errors.end_date} />
      </fieldset>

      <SaveOrCancel pending={pending} cancelHref={`/images/${imageId}`} />
    </form>
  );
}
