import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { logger } from "../ops/logger";
import { currentRequestId } from "../ops/request-context";
import { AppError } from "../errors";
import { fieldErrors } from "../validations/field-errors";

const PROBLEM_TYPE_BASE = "https://atmosphere-images.invalid/problems/";

/** The one place an error becomes an HTTP answer: RFC 9457 problem+json, never a stack trace. */
export function problemResponse(error: unknown): Response {
  const problem = toAppError(error);
  // Every problem names its request, as the X-Request-Id header and the request's log line do.
  const requestId = currentRequestId() ?? randomUUID();
  // Our own 503s (the cloud or the database away) say why; anything else is a bug, with its stack.
  if (problem.status >= 500) {
    if (problem === error) logger.warn({ event: "unavailable", request_id: requestId, status: problem.status }, problem.detail);
    else logger.error({ event: "error", request_id: requestId, err: error }, problem.detail);
  }
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.status}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.errors ? { errors: problem.errors } : {}),
    request_id: requestId,
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
