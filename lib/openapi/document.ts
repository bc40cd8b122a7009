import { z } from "zod";
import {
  bookmarkJsonSchema,
  identityJsonSchema,
  imageJsonSchema,
  imageVersionJsonSchema,
  versionJsonSchema,
  instanceJsonSchema,
  newTokenJsonSchema,
  notificationJsonSchema,
  pageSchema,
  problemSchema,
  providerJsonSchema,
  requestHistoryJsonSchema,
  requestJsonSchema,
  tagJsonSchema,
  unreadCountJsonSchema,
} from "../api/response-schemas";
import { queryValueTypes } from "../validations/common";
import { imageReplaceSchema, imageUpdateSchema } from "../validations/images";
import { requestImageSchema, requestMoveSchema } from "../validations/image-requests";
import { markReadSchema } from "../validations/notifications";
import { tokenRequestSchema } from "../validations/tokens";
import { versionUpdateSchema } from "../validations/versions";
import { configuredOrigin } from "../http/public-origin";
import { curlExample } from "./curl";
import { OPERATIONS, PARAMETER_DESCRIPTIONS, type Operation } from "./operations";

type JsonObject = Record<string, unknown>;

const REF = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const STATUS_TEXT: Record<number, string> = {
  400: "The request is not valid: `errors` says which fields (or query parameters) and why.",
  401: "Not signed in, or the token is malformed, revoked or expired.",
  403: "Not allowed: you may see this but not change it, or (POST /auth/token) password sign-in is turned off.",
  404: "Not found, or not yours to see.",
  409: "The request conflicts with the state of the resource.",
  412: "If-Match no longer matches: someone changed it since you read it.",
  413: "The body is larger than 1 MiB.",
  415: "The body is not JSON.",
  429: "Too many failed sign-ins: wait the seconds Retry-After says.",
  503: "Too many sign-ins are being checked at once: try again after the seconds Retry-After says.",
};

/** $schema and $id belong to standalone schemas, not to an OpenAPI document's parts. */
const withoutSchemaKeywords = (schema: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema" && key !== "$id"));

/** Each registry turns its schemas into components; one for what is answered, one for what is sent. */
function components(entries: [string, z.ZodType][], io: "input" | "output"): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonObject>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutSchemaKeywords(schema)]));
}

function schemaComponents(): Record<string, JsonObject> {
  return {
    ...components(
      [
        ["Image", imageJsonSchema],
        ["ImageVersion", imageVersionJsonSchema],
        ["Version", versionJsonSchema],
        ["VersionList", pageSchema(versionJsonSchema)],
        ["Bookmark", bookmarkJsonSchema],
        ["ImageList", pageSchema(imageJsonSchema)],
        ["ImageRequest", requestJsonSchema],
        ["ImageRequestHistoryEntry", requestHistoryJsonSchema],
        ["ImageRequestList", pageSchema(requestJsonSchema)],
        ["Provider", providerJsonSchema],
        ["ProviderList", pageSchema(providerJsonSchema)],
        ["Identity", identityJsonSchema],
        ["IdentityList", pageSchema(identityJsonSchema)],
        ["Instance", instanceJsonSchema],
        ["InstanceList", pageSchema(instanceJsonSchema)],
        ["Tag", tagJsonSchema],
        ["TagList", pageSchema(tagJsonSchema)],
        ["Notification", notificationJsonSchema],
        ["NotificationList", pageSchema(notificationJsonSchema)],
        ["UnreadCount", unreadCountJsonSchema],
        ["NewToken", newTokenJsonSchema],
        ["Problem", problemSchema],
      ],
      "output",
    ),
    ...components(
      [
        ["ImageUpdate", imageUpdateSchema],
        ["ImageReplace", imageReplaceSchema],
        ["VersionUpdate", versionUpdateSchema],
        ["RequestImage", requestImageSchema],
        ["RequestMove", requestMoveSchema],
        ["TokenRequest", tokenRequestSchema],
        ["MarkNotificationsRead", markReadSchema],
      ],
      "input",
    ),
  };
}

/**
 * A query parameter read from text ("2", "true") is documented as the value it stands for
 * (queryValueTypes in lib/validations/common.ts): `integer` with its bounds, `boolean`. Its
 * default is the value too, which the input side of a transform does not show by itself.
 */
function asQueryValue({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonObject }) {
  const documented = queryValueTypes.get(zodSchema as z.ZodType)?.jsonSchema;
  if (documented) {
    for (const key of Object.keys(jsonSchema)) if (key !== "description") delete jsonSchema[key];
    Object.assign(jsonSchema, documented);
  }
  const { def } = zodSchema._zod;
  if (def.type === "default" && queryValueTypes.has((def as z.core.$ZodDefaultDef).innerType as z.ZodType)) {
    jsonSchema.default = (def as z.core.$ZodDefaultDef).defaultValue;
  }
}

function parameters(operation: Operation): JsonObject[] {
  const inPath = Object.entries(operation.pathParams ?? {}).map(([name, param]) => ({
    name,
    in: "path",
    required: true,
    description: param.description,
    schema: { type: param.type, ...(param.format ? { format: param.format } : {}) },
  }));
  const inQuery = Object.entries(operation.query?.shape ?? {}).map(([name, field]) => {
    const schema = withoutSchemaKeywords(z.toJSONSchema(field as z.ZodType, { io: "input", target: "draft-2020-12", override: asQueryValue }) as JsonObject);
    return {
      name,
      in: "query",
      required: false,
      description: PARAMETER_DESCRIPTIONS[name],
      schema,
      ...(schema.type === "array" ? { style: "form", explode: true } : {}),
    };
  });
  const conditional = operation.revalidated
    ? [{ name: "If-None-Match", in: "header", required: false, description: "An ETag this operation answered: 304 with no body while it still holds.", schema: { type: "string" } }]
    : [];
  return [...inPath, ...inQuery, ...conditional];
}

const SECURITY = {
  none: [],
  required: [{ tokenAuth: [] }, { bearerAuth: [] }, { sessionCookie: [] }],
  // The empty requirement: anonymous callers are served too (what they see is less).
  optional: [{}, { tokenAuth: [] }, { bearerAuth: [] }, { sessionCookie: [] }],
};

function operationObject(operation: Operation): JsonObject {
  const problem = (status: number) => ({ description: STATUS_TEXT[status], content: { "application/problem+json": { schema: REF("Problem") } } });
  const { success } = operation;
  const headers = Object.fromEntries(
    Object.entries({ ...success.headers, ...(operation.revalidated ? { ETag: operation.revalidated } : {}) }).map(([name, description]) => [name, { description, schema: { type: "string" } }]),
  );
  const successHeaders = Object.keys(headers).length > 0 ? headers : undefined;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: SECURITY[operation.auth],
    parameters: parameters(operation),
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: REF(operation.body.schema), example: operation.body.example } } } }
      : {}),
    responses: {
      [success.status]: {
        description: success.description,
        ...(successHeaders ? { headers: successHeaders } : {}),
        ...(success.status === 204 ? {} : { content: success.content ?? { "application/json": { schema: REF(success.schema!) } } }),
      },
      ...(operation.revalidated ? { 304: { description: "Not modified: what you hold under this ETag is still what you would get.", headers: { ETag: headers.ETag } } } : {}),
      ...Object.fromEntries([...new Set([401, ...operation.errors])].sort().map((status) => [status, problem(status)])),
    },
    // The convention of ReDoc and others for code samples; the docs page shows these.
    "x-codeSamples": [{ lang: "Shell", label: "curl", source: curlExample(operation) }],
  };
}

let document: JsonObject | undefined;

/**
 * The OpenAPI 3.1 document of the JSON API, built from the code once per process. Its server is
 * the public URL (NEXTAUTH_URL) when configured, else relative: right for whichever host served it.
 */
export function openApiDocument(): JsonObject {
  return { ...builtDocument(), servers: [{ url: `${configuredOrigin() ?? ""}/api/v1` }] };
}

function builtDocument(): JsonObject {
  if (document) return document;
  const paths: Record<string, JsonObject> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  document = {
    openapi: "3.1.0",
    info: {
      title: "Atmosphere Images API",
      version: "1.0.0",
      description:
        "The image catalog of the research cloud: browse and edit images, and ask support to image an instance. Errors are RFC 9457 problem details (application/problem+json).",
    },
    tags: [
      { name: "Images", description: "Snapshots of instances, offered for launching." },
      { name: "Favorites", description: "Images you mark, and how many people mark each." },
      { name: "Image requests", description: "Asking support to image an instance, and following the request." },
      { name: "Notifications", description: "What happened to your requests and images." },
      { name: "Cloud", description: "Providers, your identities and instances, and tags." },
      { name: "Authentication", description: "Tokens for scripts." },
      { name: "About the API", description: "This document." },
    ],
    paths,
    components: {
      schemas: schemaComponents(),
      securitySchemes: {
        tokenAuth: { type: "apiKey", in: "header", name: "Authorization", description: "`Authorization: Token <token>`, Atmosphere's form. Create tokens at /settings/tokens." },
        bearerAuth: { type: "http", scheme: "bearer", description: "`Authorization: Bearer <token>`, the same tokens." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser's session after signing in at /login." },
      },
    },
  };
  return document;
}

