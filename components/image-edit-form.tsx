"use client";

import { useActionState, useState, type FormEvent } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import type { ImageJson } from "@/lib/api/response-schemas";
import { imageFormFields, readImageForm, type Retirement, type Visibility } from "@/lib/validations/image-form";
import { FieldError, FormAlert, describedBy, inputClass, SaveOrCancel } from "./form-fields";
import { ChipsInput } from "./chips-input";
import { RadioOption } from "./radio-option";

type Props = { image: ImageJson; etag: string; renderedAt: number; action: (state: FormState, form: FormData) => Promise<FormState> };

const legend = "text-sm font-medium";

export function ImageEditForm({ image, etag, renderedAt, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  // Remounted with what was sent whenever the server turns the form down.
  return <EditFields key={JSON.stringify(state.values ?? null)} image={image} etag={etag} renderedAt={renderedAt} state={state} formAction={formAction} pending={pending} />;
}

const list = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : value.split(","));

function EditFields({ image, etag, renderedAt: now, state, formAction, pending }: Omit<Props, "action"> & { state: FormState; formAction: (form: FormData) => void; pending: boolean }) {
  const shown = imageFormFields(image, now);
  // What was sent when the server turned the form down, else what the image holds.
  const initial = (field: Exclude<keyof typeof shown, "tags">) => (state.values?.[field] as string | undefined) ?? shown[field];
  // Checked in the browser with the API's own rules before anything is sent.
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...state.errors, ...clientErrors };
  const retired = shown.retirement === "now";
  const [visibility, setVisibility] = useState(initial("visibility") as Visibility);
  const [retirement, setRetirement] = useState(initial("retirement") as Retirement);

  const validate = (event: FormEvent<HTMLFormElement>) => {
    const found = readImageForm(new FormData(event.currentTarget)).errors;
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      document.getElementById(Object.keys(found)[0] === "end_date" ? "end_day" : Object.keys(found)[0])?.focus();
    }
  };

  return (
    <form action={formAction} onSubmit={validate} noValidate className="space-y-6">
      <input type="hidden" name="etag" value={etag} />
      {/* The image as shown, so that only what the user changes is sent. */}
      <input type="hidden" name="rendered" value={shown.rendered} />
      <FormAlert>{Object.keys(clientErrors).length > 0 ? "Please correct the fields marked below." : state.error}</FormAlert>

      <div>
        <label htmlFor="name" className={legend}>
          Name
        </label>
        <input id="name" name="name" defaultValue={initial("name")} required maxLength={256} className={inputClass} {...describedBy("name", errors.name)} />
        <FieldError name="name" errors={errors.name} />
      </div>

      <div>
        <label htmlFor="description" className={legend}>
          Description
        </label>
        <textarea id="description" name="description" defaultValue={initial("description")} rows={6} maxLength={10_000} className={inputClass} {...describedBy("description", errors.description)} />
        <FieldError name="description" errors={errors.description} />
      </div>

      <div>
        <label htmlFor="tags" className={legend}>
          Tags <span className="font-normal text-slate-600 dark:text-slate-400">(up to 50, separated by commas)</span>
        </label>
        <ChipsInput
          name="tags"
          id="tags"
          listLabel="Tags on this image"
          placeholder="Add a tag and press Enter"
          initial={list(state.values?.tags)?.map((tag) => tag.trim()).filter(Boolean) ?? shown.tags}
          errors={errors.tags}
        />
        <FieldError name="tags" errors={errors.tags} />
      </div>

      <fieldset>
        <legend className={legend}>Who can see it</legend>
        {(
          [
            ["public", "Public", "Everyone can see and launch it."],
            ["private", "Private", "Only you and staff."],
            ["shared", "Shared with some people", "You, staff, and the users you name."],
          ] as const
        ).map(([value, title, hint]) => (
          <RadioOption key={value} name="visibility" value={value} checked={visibility === value} onSelect={() => setVisibility(value)} title={title} hint={hint} />
        ))}
        <div className={visibility === "shared" ? "ml-6 mt-1" : "hidden"}>
          <label htmlFor="shared_with" className="text-sm">
            Usernames, separated by commas
          </label>
          <input id="shared_with" name="shared_with" defaultValue={initial("shared_with")} className={inputClass} {...describedBy("shared_with", errors.shared_with)} />
        </div>
        <FieldError name="shared_with" errors={errors.shared_with} />
      </fieldset>

      <fieldset>
        <legend className={legend}>Availability</legend>
        {(
          [
            ["none", retired ? "Restore it to the catalog" : "Available, with no end date"],
            ["now", retired ? "Keep it retired" : "Retire it now"],
            ["schedule", "Retire it at a set day and time (UTC)"],
          ] as const
        ).map(([value, title]) => (
          <RadioOption key={value} name="retirement" value={value} checked={retirement === value} onSelect={() => setRetirement(value)} title={title} />
        ))}
        <div className="ml-6 flex flex-wrap gap-x-4">
          {(
            [
              ["end_day", "Retirement day", "date"],
              ["end_time", "Retirement time (UTC)", "time"],
            ] as const
          ).map(([field, label, type]) => (
            <div key={field}>
              <label htmlFor={field} className="text-sm">
                {label}
              </label>
              <input
                id={field}
                name={field}
                type={type}
                defaultValue={initial(field)}
                onChange={() => setRetirement("schedule")}
                className={`${inputClass} max-w-xs`}
                {...describedBy("end_date", errors.end_date)}
              />
            </div>
          ))}
        </div>
        <FieldError name="end_date" errors={errors.end_date} />
      </fieldset>

      <SaveOrCancel pending={pending} cancelHref={`/images/${image.id}`} />
    </form>
  );
}
