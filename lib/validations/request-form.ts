// The request page's form, read into the API's request_image body and checked by the API's own
// schema: in the browser for inline errors, on the server again before submitting.
import type { FieldErrors } from "../errors";
import { fieldErrors } from "./field-errors";
import { splitList } from "./image-form";
import { requestImageSchema } from "./image-requests";

export type RequestVisibility = "public" | "private" | "users";

export function readRequestForm(form: FormData): { body: Record<string, unknown>; errors: FieldErrors } {
  const text = (key: string) => String(form.get(key) ?? "");
  const visibility = (text("vis") || "private") as RequestVisibility;
  const body: Record<string, unknown> = {
    name: text("name"),
    instance: text("instance"),
    description: text("description"),
    software: text("software"),
    sys: text("sys"),
    exclude: text("exclude"),
    tags: splitList(form.getAll("tags")),
    vis: visibility === "users" ? splitList(form.getAll("vis_users")) : visibility,
  };
  if (text("ip_address").trim()) body.ip_address = text("ip_address").trim();
  // SPEC §7: what to make, when the form offers the choice; the version's name, log and requirements.
  if (text("kind")) body.fork = text("kind") !== "version";
  if (text("version_name").trim()) body.version_name = text("version_name").trim();
  if (text("change_log")) body.change_log = text("change_log");
  for (const field of ["min_cpu", "min_memory_gb", "min_disk_gb"]) {
    const value = text(field).trim();
    if (value) body[field] = /^\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = requestImageSchema.safeParse(body);
  return { body, errors: parsed.success ? {} : fieldErrors(parsed.error) };
}
