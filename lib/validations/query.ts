import type { z } from "zod";
import { badRequest } from "../errors";
import { fieldErrors } from "./field-errors";

/** A query string through a schema; `arrays` are the repeatable parameters. A bad value is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams, arrays: string[] = []): z.output<S> {
  const raw = Object.fromEntries([...new Set(params.keys())].map((key) => [key, arrays.includes(key) ? params.getAll(key) : params.get(key)]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  throw badRequest(`Invalid query parameter${Object.keys(errors).length > 1 ? "s" : ""}: ${Object.keys(errors).join(", ")}.`, errors);
}

/** Next.js hands pages their query as an object; the API's parsers take URLSearchParams. */
export function toSearchParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}
