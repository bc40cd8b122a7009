"use client";

import { useState, type KeyboardEvent } from "react";
import { describedBy, inputClass } from "./form-fields";
import { useHydrated } from "./use-hydrated";

type Props = {
  /** The form field's name: each chip is sent as its own field under it. */
  name: string;
  /** The id of the text input, which the visible label points to. */
  id: string;
  initial: string[];
  errors?: string[];
  placeholder: string;
  /** What the chips stand for, for screen readers ("Tags on this image"). */
  listLabel: string;
  /** When given, only these values may be added (e.g. existing usernames), offered as suggestions. */
  choices?: string[];
};

/**
 * A list of values as removable chips. Before JavaScript runs it is one comma-separated text
 * field under the same name, which the server reads the same way.
 */
export function ChipsInput({ name, id, initial, errors, placeholder, listLabel, choices }: Props) {
  const enhanced = useHydrated();
  const [values, setValues] = useState(initial);
  const [draft, setDraft] = useState("");
  const [refused, setRefused] = useState<string | null>(null);

  if (!enhanced) {
    return <input id={id} name={name} defaultValue={initial.join(", ")} className={inputClass} {...describedBy(name, errors)} />;
  }

  const add = () => {
    const entries = draft.split(",").map((entry) => entry.trim()).filter(Boolean);
    const unknown = choices ? entries.filter((entry) => !choices.includes(entry)) : [];
    setRefused(unknown.length ? `No such user: ${unknown.join(", ")}.` : null);
    const accepted = entries.filter((entry) => !unknown.includes(entry));
    setValues((current) => [...current, ...accepted.filter((entry) => !current.some((value) => value.toLowerCase() === entry.toLowerCase()))]);
    setDraft(unknown.join(", "));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
      setValues((current) => current.slice(0, -1));
    }
  };
  const messages = [...(refused ? [refused] : []), ...(errors ?? [])];

  return (
    <div className="mt-1 space-y-2">
      {values.map((value) => (
        <input key={value} type="hidden" name={name} value={value} />
      ))}
      {values.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={listLabel}>
          {values.map((value) => (
            <li key={value} className="flex items-center gap-1 rounded-full bg-sky-50 py-0.5 pl-3 pr-1 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
              {value}
              <button
                type="button"
                onClick={() => setValues((current) => current.filter((item) => item !== value))}
                aria-label={`Remove ${value}`}
                className="rounded-full px-1.5 hover:bg-sky-200 dark:hover:bg-sky-800"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <input
          id={id}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          placeholder={placeholder}
          list={choices ? `${id}-choices` : undefined}
          autoComplete="off"
          className={inputClass}
          {...describedBy(name, messages.length ? messages : undefined)}
        />
        <button type="button" onClick={add} className="mt-1 rounded-md border border-slate-300 px-3 dark:border-slate-700">
          Add
        </button>
      </div>
      {choices && (
        <datalist id={`${id}-choices`}>
          {choices.map((choice) => (
            <option key={choice} value={choice} />
          ))}
        </datalist>
      )}
      {refused && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}
