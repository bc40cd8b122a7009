// The edit page's form, read into the API's PATCH body and checked by the API's own schema:
// the browser runs this for inline errors, the server action again before saving.
//
// The body holds only what the user changed. A field sent back as shown is not harmless: the
// form shows a retirement to the minute and a share list only under "shared", so sending them
// back would move the moment or empty the list. What the form showed travels in the hidden
// field "rendered"; the ETag sent with it guarantees that the image has not changed since.
import type { z } from "zod";
import type { ImageJson } from "../api/response-schemas";
import type { FieldErrors } from "../errors";
import { fieldErrors } from "./field-errors";
import { IMAGE_READ_ONLY_FIELDS, imageReplaceSchema, imageUpdateSchema, type ImageUpdate } from "./images";

export type Visibility = "public" | "private" | "shared";
export type Retirement = "none" | "now" | "schedule";

/** Several values, or one comma- or line-separated value (the form without JavaScript). */
export const splitList = (values: FormDataEntryValue[]) =>
  values.flatMap((value) => String(value).split(/[,\n]/)).map((item) => item.trim()).filter(Boolean);

/** What the form shows for an image at the moment it is rendered, by field name. */
export function imageFormFields(image: ImageJson, now: number) {
  const sharedWith = image.shared_with ?? [];
  const endsAt = image.end_date === null ? null : new Date(image.end_date).getTime();
  const retirement: Retirement = endsAt === null ? "none" : endsAt > now ? "schedule" : "now";
  const visibility: Visibility = !image.private ? "public" : sharedWith.length > 0 ? "shared" : "private";
  const { name, description, tags, end_date, private: hidden } = image;
  return {
    name,
    description,
    tags,
    visibility,
    // Also for a public image: the list it keeps for when it is private again.
    shared_with: sharedWith.join(", "),
    retirement,
    // A scheduled moment in UTC, to the minute: what date and time inputs hold.
    end_day: retirement === "schedule" ? end_date!.slice(0, 10) : "",
    end_time: retirement === "schedule" ? end_date!.slice(11, 16) : "00:00",
    rendered: JSON.stringify({ name, description, tags, end_date, private: hidden, shared_with: sharedWith }),
  };
}

type Shown = z.output<typeof imageReplaceSchema>;
type Editable = Exclude<keyof ImageUpdate, (typeof IMAGE_READ_ONLY_FIELDS)[number]>;

/** The image as the form showed it; null when the field is missing or malformed. */
function readRendered(value: FormDataEntryValue | null): Shown | null {
  try {
    const parsed = imageReplaceSchema.safeParse(JSON.parse(String(value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const setKey = (items: string[] | undefined) => items && JSON.stringify([...new Set(items)].sort());
/** The editable fields as compared: tags are a set matched regardless of case (as the catalog matches them), shares a set. */
const comparable = (image: ImageUpdate): Record<Editable, unknown> => ({
  name: image.name,
  description: image.description,
  private: image.private,
  tags: setKey(image.tags?.map((tag) => tag.toLowerCase())),
  shared_with: setKey(image.shared_with),
  end_date: image.end_date?.getTime() ?? image.end_date,
});

/** The end_date the form asks for; none when it keeps the stored one. */
function wantedEndDate(form: FormData, shown: Shown, now: Date): { end_date?: string | null; error?: string } {
  const retirement = String(form.get("retirement") ?? "none") as Retirement;
  if (retirement === "none") return { end_date: null };
  // An image already retired stays retired from the moment it left the catalog.
  if (retirement === "now") return shown.end_date && shown.end_date <= now ? {} : { end_date: now.toISOString() };
  const day = String(form.get("end_day") ?? "");
  // The time starts at 00:00; cleared, it means the start of the day as well.
  const time = String(form.get("end_time") ?? "") || "00:00";
  // The inputs show minutes: unchanged, they keep the stored moment to the millisecond.
  if (shown.end_date && `${day}T${time}` === shown.end_date.toISOString().slice(0, 16)) return {};
  if (!/^\d{4}-\d\d-\d\d$/.test(day)) return { error: "Choose the day it should be retired." };
  const moment = /^\d\d:\d\d(:\d\d)?$/.test(time) ? new Date(`${day}T${time}Z`) : null;
  // Date rolls an impossible day or hour (02-31, 24:00) over into the next: a real one reads back the same day.
  if (!moment || Number.isNaN(moment.getTime()) || moment.toISOString().slice(0, 10) !== day) {
    return { error: "Enter a day and a time (UTC) such as 16:30." };
  }
  if (moment <= now) return { error: "Choose a moment in the future, or retire it now." };
  return { end_date: moment.toISOString() };
}

/** What a form without the image it showed gets: comparing nothing, it could only send every field again. */
export const STALE_FORM = "This form is out of date: reload the page and make your changes again.";

export function readImageForm(form: FormData, now = new Date()): { body: Record<string, unknown>; errors: FieldErrors } {
  const shown = readRendered(form.get("rendered"));
  if (!shown) return { body: {}, errors: { rendered: [STALE_FORM] } };
  const visibility = String(form.get("visibility") ?? "public") as Visibility;
  const wanted: Record<string, unknown> = {
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    tags: splitList(form.getAll("tags")),
    private: visibility !== "public",
  };
  // "Public" leaves the share list alone: it is kept for when the image is private again.
  // "Private" is only you and staff, so the list goes; "shared" is the list typed in.
  if (visibility !== "public") wanted.shared_with = visibility === "shared" ? splitList(form.getAll("shared_with")) : [];
  const errors: FieldErrors = {};
  const { error: endError, ...endDate } = wantedEndDate(form, shown, now);
  Object.assign(wanted, endDate);
  if (endError) errors.end_date = [endError];
  if (visibility === "shared" && (wanted.shared_with as string[]).length === 0) {
    errors.shared_with = ["Name at least one user to share with, or make it private."];
  }
  const parsed = imageUpdateSchema.safeParse(wanted);
  if (!parsed.success) {
    // Only the form's own fields can be named here, so plain assignment is safe.
    for (const [field, messages] of Object.entries(fieldErrors(parsed.error))) errors[field] ??= messages;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { body: {}, errors };
  // Compared once normalized as the API stores them (a trimmed name or \r\n line breaks are no change).
  const [before, after] = [comparable(shown), comparable(parsed.data)];
  const body = Object.fromEntries(Object.entries(wanted).filter(([field]) => before[field as Editable] !== after[field as Editable]));
  return { body, errors };
}
