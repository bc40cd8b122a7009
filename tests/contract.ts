// Holds every answer the API tests receive to the OpenAPI document: the documented status, and
// a body that matches the documented schema exactly (a field gained or lost fails the test).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { openApiDocument } from "../lib/openapi/document";

type JsonObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const document = openApiDocument() as JsonObject;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "openapi", components: document.components });
const validators = new Map<string, ValidateFunction>();
const validatorFor = (ref: string) => {
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: `openapi${ref}` }));
  return validators.get(ref)!;
};

const operations = Object.entries(document.paths as JsonObject).map(([path, methods]) => ({
  pattern: new RegExp(`^/api/v1${path.replace(/\/$/, "").replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
  methods: methods as JsonObject,
}));

/** Throws when an answer is not what the document promises. */
export function checkContract(method: string, pathname: string, status: number, contentType: string, body: unknown) {
  // The document describes /api/v1; /api/auth is next-auth's, /api/health and the like are for operators (README).
  if (!pathname.startsWith("/api/v1/") && pathname !== "/api/v1") return;
  // Answers outside the documented operations are problems: unknown paths, unsupported methods, our own failures.
  const operation = operations.find((candidate) => candidate.pattern.test(pathname))?.methods[method.toLowerCase()];
  if (method === "OPTIONS" && status === 204) return;
  // A 304 has no body, but the document must say the operation answers one (If-None-Match).
  if (status === 304) {
    if (!operation?.responses["304"]) throw new Error(`${method} ${pathname} answered 304, which the OpenAPI document does not list`);
    return;
  }
  if (!operation || status === 405 || status === 500) return expectValid("#/components/schemas/Problem", body, `${method} ${pathname} ${status}`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${pathname} answered ${status}, which the OpenAPI document does not list`);
  if (status === 204) {
    if (response.content || (body !== null && body !== "")) throw new Error(`${method} ${pathname} answered 204 with a body, or the document gives it content`);
    return;
  }
  const type = contentType.split(";")[0];
  const content = response.content?.[type];
  if (!content) throw new Error(`${method} ${pathname} answered ${status} as ${type}, which the document does not list`);
  if (content.schema.$ref) expectValid(content.schema.$ref, body, `${method} ${pathname} ${status}`);
}

function expectValid(ref: string, body: unknown, what: string) {
  const validate = validatorFor(ref);
  if (!validate(body)) throw new Error(`${what}: the body does not match ${ref}: ${ajv.errorsText(validate.errors)}`);
}
