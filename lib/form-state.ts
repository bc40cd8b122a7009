import { ZodError } from "zod";
import { AppError, type FieldErrors } from "./errors";
import { fieldErrors } from "./validations/field-errors";

/** What a server action hands back to its form: a message, and messages by field. */
export interface FormState {
  error?: string;
  errors?: FieldErrors;
}

/** A rejected form as the form shows it; anything that is not the caller's mistake is rethrown. */
export function formFailure(error: unknown): FormState {
  if (error instanceof AppError) return { error: error.detail, errors: error.errors };
  if (error instanceof ZodError) return { error: "Please correct the fields marked below.", errors: fieldErrors(error) };
  throw error;
}

export const hasErrors = (errors: FieldErrors | undefined) => errors !== undefined && Object.keys(errors).length > 0;
