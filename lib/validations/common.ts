import { z } from "zod";

// PostgreSQL cannot store NUL in text, and control characters in names only hide mischief.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;

/** Free text such as a description: newlines (stored as \n, as browsers send \r\n) and tabs allowed, other control characters not. */
export const text = (max: number) =>
  z
    .string({ error: "Must be a string." })
    .overwrite((value) => value.replace(/\r\n?/g, "\n"))
    .max(max, `At most ${max} characters.`)
    .refine((value) => !CONTROL.test(value), "Control characters (such as NUL) are not allowed.");

/** One line of text, such as a name: trimmed, no control characters. */
export const line = (min: number, max: number) =>
  z
    .string({ error: "Must be a string." })
    .trim()
    .min(min, min === 1 ? "May not be blank." : `At least ${min} characters.`)
    .max(max, `At most ${max} characters.`)
    .refine((value) => !CONTROL_OR_NEWLINE.test(value), "Control characters and line breaks are not allowed.");

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@+-]{1,150}$/;
export const username = z
  .string({ error: "Must be a string." })
  .regex(USERNAME_PATTERN, "Not a username: 1 to 150 letters, digits and _ . @ + -.");

/** An instant with its time zone, e.g. 2014-02-05T01:03:27.903Z. */
export const isoDateTime = z.iso
  .datetime({ offset: true, error: "Must be an ISO 8601 date and time with a time zone, e.g. 2014-02-05T01:03:27.903Z." })
  .transform((value) => new Date(value))
  // An offset can push year 9999 into year 10000, which no database stores.
  .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, "Must be between the years 1 and 9999.");

export const TAG_NAME_MAX = 64;
export const TAGS_MAX = 50;
export const tagName = line(1, TAG_NAME_MAX).refine((value) => !value.includes(","), "Tag names may not contain commas.");

/** Case-insensitive de-duplication that keeps the first spelling. */
export function foldDuplicates(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const tagList = z
  .array(tagName, { error: "Must be an array of tag names." })
  .transform(foldDuplicates)
  .refine((names) => names.length <= TAGS_MAX, `At most ${TAGS_MAX} tags.`);

/**
 * What the OpenAPI document says a query parameter takes. A query string carries text, which the
 * schemas below read ("2", "true"); the document names the value that text stands for (an
 * integer with its bounds, a boolean), so that a client generated from it takes numbers and
 * booleans and writes them as the same text. lib/openapi/document.ts applies it.
 */
export const queryValueTypes = z.registry<{ jsonSchema: Record<string, unknown> }>();

/** A whole number given as a query-string value. */
export function wholeNumber(min: number, max: number) {
  const schema = z
    .string()
    .regex(/^\d{1,10}$/, "Must be a whole number.")
    .transform(Number)
    .pipe(z.number().min(min, `Must be at least ${min}.`).max(max, `Must be at most ${max}.`));
  queryValueTypes.add(schema, { jsonSchema: { type: "integer", minimum: min, maximum: max } });
  return schema;
}

/** true or false (also 1 or 0) given as a query-string value. */
export const booleanParam = z
  .enum(["true", "false", "1", "0"], { error: "Must be true or false." })
  .transform((value) => value === "true" || value === "1");
queryValueTypes.add(booleanParam, { jsonSchema: { type: "boolean" } });
