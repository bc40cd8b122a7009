// The version edit page's form, read into the API's PATCH body and checked by the API's own
// schema. Like the image form, it sends only what the user changed, compared with the version as
// the page rendered it (the ETag sent with it guarantees the version is still that).
import type { VersionJson } from "../api/response-schemas";
import type { FieldErrors } from "../errors";
import { fieldErrors } from "./field-errors";
import { STALE_FORM } from "./image-form";
import { versionUpdateSchema } from "./versions";

export const REQUIREMENT_FIELDS = ["min_cpu", "min_memory_gb", "min_disk_gb"] as const;

/** What the form shows for a version, and carries back in the hidden field "rendered". */
export function versionFormFields(version: VersionJson, now: number) {
  const retired = version.end_date !== null && new Date(version.end_date).getTime() <= now;
  return {
    change_log: version.change_log,
    ...Object.fromEntries(REQUIREMENT_FIELDS.map((field) => [field, version[field] === null ? "" : String(version[field])])),
    allow_imaging: version.allow_imaging,
    availability: retired ? "retired" : "available",
    rendered: JSON.stringify({ change_log: version.change_log, min_cpu: version.min_cpu, min_memory_gb: version.min_memory_gb, min_disk_gb: version.min_disk_gb, allow_imaging: version.allow_imaging, retired }),
  } as Record<(typeof REQUIREMENT_FIELDS)[number], string> & { change_log: string; allow_imaging: boolean; availability: "retired" | "available"; rendered: string };
}

/** An empty box is "no requirement"; anything else must be a whole number (the schema says which). */
const requirementValue = (value: FormDataEntryValue | null) => {
  const text = String(value ?? "").trim();
  return text === "" ? null : /^\d+$/.test(text) ? Number(text) : text;
};

export function readVersionForm(form: FormData, now = new Date()): { body: Record<string, unknown>; errors: FieldErrors } {
  let shown: Record<string, unknown>;
  try {
    shown = JSON.parse(String(form.get("rendered")));
    if (typeof shown !== "object" || shown === null) throw new Error("not an object");
  } catch {
    return { body: {}, errors: { rendered: [STALE_FORM] } };
  }
  const wanted: Record<string, unknown> = {
    change_log: String(form.get("change_log") ?? ""),
    ...Object.fromEntries(REQUIREMENT_FIELDS.map((field) => [field, requirementValue(form.get(field))])),
    allow_imaging: form.get("allow_imaging") === "on",
  };
  const retire = form.get("availability") === "retired";
  if (retire !== shown.retired) wanted.end_date = retire ? now.toISOString() : null;
  const parsed = versionUpdateSchema.safeParse(wanted);
  if (!parsed.success) return { body: {}, errors: fieldErrors(parsed.error) };
  // Compared as the API would store them (line breaks as \n, numbers as numbers).
  const stored = parsed.data as Record<string, unknown>;
  const changed = Object.keys(wanted).filter((field) => field === "end_date" || stored[field] !== shown[field]);
  return { body: Object.fromEntries(changed.map((field) => [field, field === "end_date" ? wanted.end_date : stored[field]])), errors: {} };
}
