import { ZodError } from "zod";
import { AppError } from "../errors";
import { fieldErrors } from "../validations/field-errors";

const PROBLEM_TYPE_BASE = "https://atmosphere-images.invalid/problems/";

/** The one place an error becomes an HTTP answer: RFC 9457 problem+json, never a stack trace. */
export function problemResponse(error: unknown): Response {
  const problem = toAppError(error);
  if (problem.status >= 500) console.error(error);
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.status}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...problem.headers },
  });
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError(400, "The request is not valid.", fieldErrors(error));
  return new AppError(500, "Something went wrong on our side; it has been logged.");
}
