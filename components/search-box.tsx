"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { catalogHref } from "@/lib/catalog-url";

// Long enough to skip the keystrokes of a word typed in one go, short enough to feel immediate.
const DEBOUNCE_MS = 120;

/**
 * Filters as you type, keeping the query in the URL. Without JavaScript it is a plain GET form
 * that keeps the other filters in hidden fields.
 */
export function SearchBox() {
  const router = useRouter();
  const params = useSearchParams();
  const [value, setValue] = useState(params.get("search") ?? "");
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const input = useRef<HTMLInputElement>(null);
  const inUrl = params.get("search") ?? "";

  useEffect(() => () => clearTimeout(timer.current), []);
  // A link elsewhere on the page (a facet, "clear filters") changed the search: show it.
  useEffect(() => {
    if (document.activeElement !== input.current) setValue(inUrl);
  }, [inUrl]);

  const search = (next: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      startTransition(() => router.replace(catalogHref(params, { set: { search: next.trim() || null } }), { scroll: false }));
    }, DEBOUNCE_MS);
  };

  return (
    <form action="/images" role="search" className="relative" onSubmit={(event) => {
        event.preventDefault();
        search(value);
      }}
    >
      {[...params.entries()]
        .filter(([key]) => key !== "search" && key !== "page")
        .map(([key, item], index) => (
          <input key={`${key}-${index}`} type="hidden" name={key} value={item} />
        ))}
      <label htmlFor="catalog-search" className="sr-only">
        Search images
      </label>
      <input
        ref={input}
        id="catalog-search"
        name="search"
        type="search"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          search(event.target.value);
        }}
        placeholder="Search by name, description, tag or creator"
        autoComplete="off"
        className="w-full rounded-lg border border-slate-300 bg-white px-4 py-2.5 pr-24 text-base shadow-sm placeholder:text-slate-500 focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/30 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
      />
      <span aria-live="polite" className="absolute right-20 top-1/2 -translate-y-1/2 text-xs text-slate-500">
        {pending ? "Searching…" : ""}
      </span>
      <button type="submit" className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Search
      </button>
    </form>
  );
}
