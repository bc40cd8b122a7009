import type { ZodError } from "zod";
import type { FieldErrors } from "../errors";

/**
 * Zod issues as `{field: [messages]}`. Unknown keys are reported under their own names;
 * issues about the whole body go under "non_field_errors", as Django REST framework does.
 */
export function fieldErrors(error: ZodError): FieldErrors {
  // Collected in a Map and turned into an object with fromEntries, which defines each key as its
  // own property: a field called `__proto__` or `constructor` is then just a name.
  const errors = new Map<string, string[]>();
  const add = (field: string, message: string) => errors.set(field, [...(errors.get(field) ?? []), message]);
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(key, "Unknown field.");
    } else {
      add(issue.path.length > 0 ? String(issue.path[0]) : "non_field_errors", issue.message);
    }
  }
  return Object.fromEntries(errors);
}
