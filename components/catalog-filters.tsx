import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import { catalogHref } from "@/lib/catalog-url";
import type { TagFacet } from "@/lib/images/tag-facets";

const chip = "rounded-full border px-3 py-1 text-sm";
const on = "border-sky-700 bg-sky-700 text-white";
const off = "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

// Each scope sets its own parameter and clears the others'.
const NO_SCOPE = { created_by: null, include_end_dated: null, shared_with_me: null, bookmarked: null };

/** "All", "My images", "Shared with me" and "Favorites", for those signed in. */
export function ScopeFilters({ params, viewer }: { params: URLSearchParams; viewer: Viewer | null }) {
  if (!viewer) return null;
  const mine = params.get("created_by") === viewer.username;
  const shared = params.get("shared_with_me") === "true";
  const favorites = params.get("bookmarked") === "true";
  const scopes = [
    { label: "All images", active: !mine && !shared && !favorites, href: catalogHref(params, { set: NO_SCOPE }) },
    { label: "My images", active: mine, href: catalogHref(params, { set: { ...NO_SCOPE, created_by: viewer.username, include_end_dated: "true" } }) },
    { label: "Shared with me", active: shared, href: catalogHref(params, { set: { ...NO_SCOPE, shared_with_me: "true" } }) },
    { label: "Favorites", active: favorites, href: catalogHref(params, { set: { ...NO_SCOPE, bookmarked: "true" } }) },
  ];
  return (
    <nav aria-label="Whose images" className="flex flex-wrap gap-2">
      {scopes.map((scope) => (
        <Link key={scope.label} href={scope.href} aria-current={scope.active ? "page" : undefined} className={`${chip} ${scope.active ? on : off}`}>
          {scope.label}
        </Link>
      ))}
    </nav>
  );
}

/** Tags of what the current filters find, with counts; a chosen tag is a filter to remove. */
export function TagFacets({ params, facets }: { params: URLSearchParams; facets: TagFacet[] }) {
  const chosen = params.getAll("tag").map((tag) => tag.toLowerCase());
  return (
    <section aria-labelledby="facets-heading">
      <h2 id="facets-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Tags
      </h2>
      {facets.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No tags here.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5 lg:flex-col lg:items-stretch">
          {facets.map((facet) => {
            const active = chosen.includes(facet.name.toLowerCase());
            return (
              <li key={facet.name}>
                <Link
                  href={catalogHref(params, active ? { removeTag: facet.name } : { addTag: facet.name })}
                  aria-current={active ? "true" : undefined}
                  aria-label={`${active ? "Remove tag filter" : "Filter by tag"} ${facet.name}, ${facet.count} ${facet.count === 1 ? "image" : "images"}`}
                  className={`flex items-center justify-between gap-2 rounded-md px-2 py-1 text-sm ${active ? "bg-sky-700 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
                >
                  <span>
                    {active && <span aria-hidden="true">✓ </span>}
                    {facet.name}
                  </span>
                  <span className={`text-xs ${active ? "" : "text-slate-500 dark:text-slate-400"}`}>{facet.count}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
