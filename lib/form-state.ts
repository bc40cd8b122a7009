import { ZodError } from "zod";
import { AppError, type FieldErrors } from "./errors";
import { fieldErrors } from "./validations/field-errors";

/** What a server action hands back to its form: a message, and messages by field. */
export interface FormState {
  error?: string;
  errors?: FieldErrors;
  /** What was sent, so that a rejected form shows it again rather than the values it started with. */
  values?: Record<string, string | string[]>;
}

/** A form's text fields (several under one name become a list; files are left out). */
export function formValues(form: FormData): Record<string, string | string[]> {
  const keys = [...new Set(form.keys())].filter((key) => !key.startsWith("$ACTION"));
  return Object.fromEntries(
    keys.map((key) => {
      const all = form.getAll(key).filter((value): value is string => typeof value === "string");
      return [key, all.length === 1 ? all[0] : all];
    }),
  );
}

/** A rejected form as the form shows it; anything that is not the caller's mistake is rethrown. */
export function formFailure(error: unknown): FormState {
  if (error instanceof AppError) return { error: error.detail, errors: error.errors };
  if (error instanceof ZodError) return { error: "Please correct the fields marked below.", errors: fieldErrors(error) };
  throw error;
}

export const hasErrors = (errors: FieldErrors | undefined) => errors !== undefined && Object.keys(errors).length > 0;
