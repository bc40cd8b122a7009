// The edit page's form, read into the API's PATCH body and checked by the API's own schema:
// the browser runs this for inline errors, the server action again before saving.
import type { FieldErrors } from "../errors";
import { fieldErrors } from "./field-errors";
import { imageUpdateSchema } from "./images";

export type Visibility = "public" | "private" | "shared";
export type Retirement = "none" | "now" | "schedule";

/** Several values, or one comma- or line-separated value (the form without JavaScript). */
export const splitList = (values: FormDataEntryValue[]) =>
  values.flatMap((value) => String(value).split(/[,\n]/)).map((item) => item.trim()).filter(Boolean);

export function readImageForm(form: FormData, now = new Date()): { body: Record<string, unknown>; errors: FieldErrors } {
  const visibility = String(form.get("visibility") ?? "public") as Visibility;
  const body: Record<string, unknown> = {
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    tags: splitList(form.getAll("tags")),
    private: visibility !== "public",
    shared_with: visibility === "shared" ? splitList(form.getAll("shared_with")) : [],
  };
  const errors: FieldErrors = {};
  const retirement = String(form.get("retirement") ?? "none") as Retirement;
  const currentEnd = String(form.get("current_end_date") ?? "");
  if (retirement === "none") body.end_date = null;
  if (retirement === "now" && !(currentEnd && new Date(currentEnd) <= now)) body.end_date = now.toISOString();
  if (retirement === "schedule") {
    const day = String(form.get("end_day") ?? "");
    const date = /^\d{4}-\d\d-\d\d$/.test(day) ? new Date(`${day}T00:00:00.000Z`) : null;
    if (!date || Number.isNaN(date.getTime())) errors.end_date = ["Choose the day it should be retired."];
    else if (date <= now) errors.end_date = ["Choose a day in the future, or retire it now."];
    else body.end_date = date.toISOString();
  }
  if (visibility === "shared" && (body.shared_with as string[]).length === 0) {
    errors.shared_with = ["Name at least one user to share with, or make it private."];
  }
  const parsed = imageUpdateSchema.safeParse(body);
  if (!parsed.success) {
    // Only the form's own fields can be named here, so plain assignment is safe.
    for (const [field, messages] of Object.entries(fieldErrors(parsed.error))) errors[field] ??= messages;
  }
  return { body, errors };
}
