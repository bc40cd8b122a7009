// What the operator's commands share: errors told as a person reads them, and the database
// connections closed at the end so the process exits.
import { ZodError } from "zod";
import { committedReader, db } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { fieldErrors } from "../../lib/validations/field-errors";

function explain(error: unknown): string {
  const errors = error instanceof AppError ? error.errors : error instanceof ZodError ? fieldErrors(error) : undefined;
  const headline = error instanceof AppError ? error.detail : error instanceof ZodError ? "The options are not valid:" : error instanceof Error ? error.message : String(error);
  const fields = Object.entries(errors ?? {}).map(([field, messages]) => `  --${field.replaceAll("_", "-")}: ${messages.join(" ")}`);
  return [headline, ...fields].join("\n");
}

/** Runs the command's body; a failure is printed without a stack trace and exits 1. */
export async function runCommand(body: () => Promise<void | number>): Promise<void> {
  try {
    const code = await body();
    if (typeof code === "number") process.exitCode = code;
  } catch (error) {
    console.error(explain(error));
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
    if (committedReader !== db) await committedReader.$disconnect();
  }
}
