import type { ZodError } from "zod";
import type { FieldErrors } from "../errors";

/**
 * Zod issues as `{field: [messages]}`. Unknown keys are reported under their own names;
 * issues about the whole body go under "non_field_errors", as Django REST framework does.
 */
export function fieldErrors(error: ZodError): FieldErrors {
  // No prototype: a field called `constructor` or `__proto__` is just a name here.
  const errors: FieldErrors = Object.create(null);
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(key, "Unknown field.");
    } else {
      add(issue.path.length > 0 ? String(issue.path[0]) : "non_field_errors", issue.message);
    }
  }
  return errors;
}
