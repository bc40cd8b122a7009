import type { ZodError } from "zod";
import type { FieldErrors } from "../errors";

/**
 * Zod issues as `{field: [messages]}`. Unknown keys are reported under their own names;
 * issues about the whole body go under "non_field_errors", as Django REST framework does.
 */
export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
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
