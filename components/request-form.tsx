"use client";

import { useActionState, useState, type FormEvent } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import type { InstanceJson } from "@/lib/api/response-schemas";
import type { RequestOptions } from "@/lib/image-requests/request-options";
import { withoutForbiddenCharacters } from "@/lib/validations/image-requests";
import { readRequestForm, type RequestVisibility } from "@/lib/validations/request-form";
import { ChipsInput } from "./chips-input";
import { RadioOption } from "./radio-option";
import { FieldError, FormAlert, describedBy, inputClass, primaryButton } from "./form-fields";

type Props = {
  instance: InstanceJson;
  /** What the instance was launched from, and whether the request may make its next version. */
  options: RequestOptions;
  /** The users a request may be shared with: the picker offers only these. */
  usernames: string[];
  action: (state: FormState, form: FormData) => Promise<FormState>;
};

const label = "text-sm font-medium";
const hint = "font-normal text-slate-600 dark:text-slate-400";

export function RequestForm({ instance, options, usernames, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  // Remounted with what was sent whenever the server turns the form down.
  return <Fields key={JSON.stringify(state.values ?? null)} {...{ instance, options, usernames, state, formAction, pending }} />;
}

function Fields({ instance, options, usernames, state, formAction, pending }: Omit<Props, "action"> & { state: FormState; formAction: (form: FormData) => void; pending: boolean }) {
  const sent = state.values;
  const value = (key: string, fallback = "") => (typeof sent?.[key] === "string" ? (sent[key] as string) : fallback);
  const list = (key: string, fallback: string[]) => (sent?.[key] === undefined ? fallback : [sent[key]].flat().flatMap((item) => item.split(",")).map((item) => item.trim()).filter(Boolean));
  const [visibility, setVisibility] = useState<RequestVisibility>((value("vis", "private") as RequestVisibility) || "private");
  const [kind, setKind] = useState(value("kind", options.mayAddVersion ? "version" : "image"));
  const newVersion = options.mayAddVersion && kind === "version";
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...state.errors, ...clientErrors };

  const validate = (event: FormEvent<HTMLFormElement>) => {
    const found = readRequestForm(new FormData(event.currentTarget)).errors;
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      const first = Object.keys(found)[0];
      document.getElementById(first === "vis" ? "vis_users" : first)?.focus();
    }
  };

  const textField = (name: string, title: string, options: { rows?: number; hintText?: string; placeholder?: string; fallback?: string } = {}) => (
    <div>
      <label htmlFor={name} className={label}>
        {title} {options.hintText && <span className={hint}>({options.hintText})</span>}
      </label>
      {options.rows ? (
        <textarea id={name} name={name} rows={options.rows} defaultValue={value(name, options.fallback)} placeholder={options.placeholder} className={inputClass} {...describedBy(name, errors[name])} />
      ) : (
        <input id={name} name={name} defaultValue={value(name, options.fallback)} placeholder={options.placeholder} className={inputClass} {...describedBy(name, errors[name])} />
      )}
      <FieldError name={name} errors={errors[name]} />
    </div>
  );

  return (
    <form action={formAction} onSubmit={validate} noValidate className="space-y-6">
      <input type="hidden" name="instance" value={instance.alias} />
      <FormAlert>{Object.keys(clientErrors).length > 0 ? "Please correct the fields marked below." : state.error}</FormAlert>
      <FieldError name="instance" errors={errors.instance} />
      {options.mayAddVersion && options.source && (
        <fieldset>
          <legend className={label}>What to make</legend>
          <RadioOption
            name="kind"
            value="version"
            checked={kind === "version"}
            onSelect={() => setKind("version")}
            title={`A new version of ${options.source.imageName}`}
            hint={`version ${options.nextVersion} unless you name it, made from version ${options.source.version}.`}
          />
          <RadioOption name="kind" value="image" checked={kind === "image"} onSelect={() => setKind("image")} title="A new image" hint="its own entry in the catalog." />
          <FieldError name="fork" errors={errors.fork} />
        </fieldset>
      )}
      {textField("name", "Image name", {
        hintText: newVersion ? "kept as it is for a new version" : "without any of ! \" ' # $ % & * , ; < > ? / \\ ` { | } ~ ^",
        placeholder: "e.g. RNA-seq pipeline 2026",
        fallback: options.mayAddVersion && options.source ? withoutForbiddenCharacters(options.source.imageName) : undefined,
      })}
      {textField("description", "Description", { rows: 4, hintText: "what the image is for, shown in the catalog" })}
      {textField("software", "Installed software", { rows: 3, hintText: "optional" })}
      {textField("sys", "Notes for support about the system", { rows: 2, hintText: "optional: services, drivers, anything to know" })}
      {textField("exclude", "Files to leave out", { rows: 3, hintText: "optional, one path per line, such as SSH keys", placeholder: "/home/you/.ssh" })}
      <div>
        <label htmlFor="tags" className={label}>
          Tags <span className={hint}>(up to 50)</span>
        </label>
        <ChipsInput name="tags" id="tags" listLabel="Tags for the image" placeholder="Add a tag and press Enter" initial={list("tags", instance.tags)} errors={errors.tags} />
        <FieldError name="tags" errors={errors.tags} />
      </div>
      {textField("ip_address", "IP address of the instance", { hintText: "optional", fallback: instance.ip_address ?? "" })}

      <fieldset className="space-y-4">
        <legend className={label}>The version</legend>
        {textField("version_name", "Version", { hintText: `optional; ${newVersion ? `${options.nextVersion} if left empty` : "1 if left empty"}`, placeholder: newVersion ? (options.nextVersion ?? "") : "1" })}
        {textField("change_log", "Change log", { rows: 3, hintText: "optional: what is new in it" })}
        <div className="grid gap-4 sm:grid-cols-3">
          {textField("min_cpu", "Minimum CPUs", { hintText: "optional" })}
          {textField("min_memory_gb", "Minimum memory (GB)", { hintText: "optional" })}
          {textField("min_disk_gb", "Minimum disk (GB)", { hintText: "optional" })}
        </div>
      </fieldset>

      <fieldset>
        <legend className={label}>Who may see and launch the image</legend>
        {(
          [
            ["public", "Everyone", "it is listed in the catalog for all."],
            ["private", "Only me", "and staff."],
            ["users", "Me and some users", "whom you name below."],
          ] as const
        ).map(([option, title, explanation]) => (
          <RadioOption key={option} name="vis" value={option} checked={visibility === option} onSelect={() => setVisibility(option)} title={title} hint={explanation} />
        ))}
        <div className={visibility === "users" ? "ml-6" : "hidden"}>
          <label htmlFor="vis_users" className="text-sm">
            Usernames
          </label>
          <ChipsInput name="vis_users" id="vis_users" listLabel="Users to share with" placeholder="Type a username" initial={list("vis_users", [])} errors={errors.vis} choices={usernames} />
        </div>
        <FieldError name="vis" errors={errors.vis} />
      </fieldset>

      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Sending…" : "Send the request"}
      </button>
    </form>
  );
}
