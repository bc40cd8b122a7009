import { badRequest, type FieldErrors } from "./errors";
import { jsonEqual } from "./json-equal";

/**
 * Read-only fields sent back unchanged are ignored, as Django REST framework does (SPEC §3); a
 * changed one is a 400 naming it, rather than silently dropped.
 */
export function rejectChangedReadOnlyFields(input: Record<string, unknown>, current: Record<string, unknown>, fields: readonly string[]): void {
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (input[field] !== undefined && !jsonEqual(input[field], current[field])) errors[field] = ["This field is read-only."];
  }
  if (Object.keys(errors).length > 0) throw badRequest("Read-only fields cannot be changed.", errors);
}
