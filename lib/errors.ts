/** Field name → messages, as RFC 9457's `errors` extension carries them. */
export type FieldErrors = Record<string, string[]>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * The one error the data layer throws for anything a caller did wrong. Route handlers turn it
 * into problem+json (lib/api/problem.ts); pages and forms show `detail` and `errors`.
 */
export class AppError extends Error {
  readonly title: string;

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "AppError";
    this.title = TITLES[status] ?? "Error";
  }
}

export const badRequest = (detail: string, errors?: FieldErrors) => new AppError(400, detail, errors);
export const unauthorized = (detail = "Authentication credentials were not provided.") =>
  new AppError(401, detail, undefined, { "WWW-Authenticate": 'Token realm="api"' });
export const forbidden = (detail = "You do not have permission to perform this action.") => new AppError(403, detail);
export const notFound = (detail = "Not found.") => new AppError(404, detail);
export const conflict = (detail: string, errors?: FieldErrors) => new AppError(409, detail, errors);
export const preconditionFailed = (detail = "The resource has changed since you read it (If-Match does not match).") =>
  new AppError(412, detail);
