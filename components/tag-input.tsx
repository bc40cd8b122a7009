"use client";

import { useState, type KeyboardEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { describedBy, inputClass } from "./form-fields";

/**
 * Tags as removable chips, each sent as its own `tags` field. Before JavaScript runs it is one
 * comma-separated text field under the same name, which the server reads the same way.
 */
export function TagInput({ initial, errors }: { initial: string[]; errors?: string[] }) {
  const enhanced = useHydrated();
  const [tags, setTags] = useState(initial);
  const [draft, setDraft] = useState("");

  if (!enhanced) {
    return <input id="tags" name="tags" defaultValue={initial.join(", ")} className={inputClass} {...describedBy("tags", errors)} />;
  }

  const add = () => {
    const names = draft.split(",").map((name) => name.trim()).filter(Boolean);
    setTags((current) => [...current, ...names.filter((name) => !current.some((tag) => tag.toLowerCase() === name.toLowerCase()))]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && draft === "" && tags.length > 0) {
      setTags((current) => current.slice(0, -1));
    }
  };

  return (
    <div className="mt-1 space-y-2">
      {tags.map((tag) => (
        <input key={tag} type="hidden" name="tags" value={tag} />
      ))}
      <ul className="flex flex-wrap gap-1.5" aria-label="Tags on this image">
        {tags.map((tag) => (
          <li key={tag} className="flex items-center gap-1 rounded-full bg-sky-50 py-0.5 pl-3 pr-1 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
            {tag}
            <button
              type="button"
              onClick={() => setTags((current) => current.filter((item) => item !== tag))}
              aria-label={`Remove tag ${tag}`}
              className="rounded-full px-1.5 hover:bg-sky-200 dark:hover:bg-sky-800"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <input
          id="tags"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          placeholder="Add a tag and press Enter"
          className={inputClass}
          {...describedBy("tags", errors)}
        />
        <button type="button" onClick={add} className="mt-1 rounded-md border border-slate-300 px-3 dark:border-slate-700">
          Add
        </button>
      </div>
    </div>
  );
}
