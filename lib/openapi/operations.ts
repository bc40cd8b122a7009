// What the API offers, operation by operation. The schemas come from the code (lib/validations
// for what is sent, lib/api/response-schemas for what is answered); this table only says which
// schema goes where, and in words what each operation is for.
import type { z } from "zod";
import { SEED_REQUEST_EXAMPLE } from "../api/response-schemas";
import { imageListQuerySchema } from "../validations/images";
import { requestListQuerySchema } from "../validations/image-requests";
import { notificationListQuerySchema } from "../validations/notifications";
import { pageQuerySchema } from "../validations/pagination";
import { ACTIVE_TOKENS_MAX } from "../validations/tokens";

export type Auth = "none" | "optional" | "required";

export interface Operation {
  method: "get" | "put" | "patch" | "post" | "delete";
  path: string;
  operationId: string;
  tag: "Images" | "Favorites" | "Image requests" | "Notifications" | "Cloud" | "Authentication" | "About the API";
  summary: string;
  description?: string;
  auth: Auth;
  pathParams?: Record<string, { description: string; type: "string" | "integer"; format?: "uuid" }>;
  query?: z.ZodObject;
  /** A component of the document: the request body's schema, with an example. */
  body?: { schema: string; example: unknown };
  success: {
    status: 200 | 201 | 204;
    description: string;
    /** A component's name, or raw content for what is not JSON; neither for a 204. */
    schema?: string;
    content?: Record<string, { schema: object }>;
    headers?: Record<string, string>;
  };
  /** A GET answered with an ETag: If-None-Match naming it gets a 304. The words say what changes it. */
  revalidated?: string;
  /** The problem statuses it may answer, besides the ones every operation may (see document.ts). */
  errors: number[];
  /** Shell variables its curl example needs, set as the docs page explains. */
  curl?: { body?: string };
}

const imageId = { id: { description: "The image's id.", type: "string" as const, format: "uuid" as const } };
const requestId = { id: { description: "The request's id.", type: "integer" as const } };
const versionName = { version: { description: "The version's name, such as 2 or 2.1.", type: "string" as const } };

const CATALOG_ETAG =
  "Changes when what you are shown changes: any write to the catalog, an end date passing, or another caller or query. Not sent with bookmarked=true.";

export const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  page: "The page, from 1. A page past the last is a 404.",
  page_size: "How many a page, 1 to 1000 (default 100).",
  search: "Words that must all appear in the name, description, a tag or the creator's username.",
  tag: "A tag name (any case); repeat it to ask for images that carry all of them.",
  created_by: "Only the images of this username.",
  provider: "Only images with a current version on this provider (its id).",
  ordering: "name, -name, start_date or -start_date (the default, newest first).",
  include_end_dated: "With true, a signed-in viewer also gets the retired images they may see (their own; all for staff).",
  shared_with_me: "With true, only private images shared with the signed-in viewer.",
  bookmarked: "With true, only your favorites that you may still see (sign-in required: 401 without). Combines with every other parameter.",
  status: "Only requests in this status; repeat it for several.",
  unread: "With true, only the notifications not yet marked read (count is then the unread count).",
};

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/images",
    operationId: "listImages",
    tag: "Images",
    summary: "List images",
    description:
      "Without authentication: the public, current images. Signed in: also the private images you may use (your own, and those shared with you); staff see all. bookmarked=true needs a signed-in caller (401 otherwise).",
    auth: "optional",
    query: imageListQuerySchema,
    success: { status: 200, description: "A page of images.", schema: "ImageList", headers: { Link: "RFC 8288 links: first, prev, next, last." } },
    revalidated: CATALOG_ETAG,
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/images/{id}",
    operationId: "getImage",
    tag: "Images",
    summary: "Retrieve a single image",
    description: "An image you may not see answers 404, exactly like one that does not exist.",
    auth: "optional",
    pathParams: imageId,
    success: { status: 200, description: "The image.", schema: "Image" },
    revalidated: "Changes with every edit of the image and of its versions; its creator and staff send it back in If-Match.",
    errors: [404],
  },
  {
    method: "patch",
    path: "/images/{id}",
    operationId: "updateImage",
    tag: "Images",
    summary: "Edit some fields of an image",
    description:
      "Only the creator and staff may edit (403 for others who can see the image). Read-only fields sent back unchanged are ignored; unknown fields are a 400. With If-Match, a stale ETag is a 412.",
    auth: "required",
    pathParams: imageId,
    body: { schema: "ImageUpdate", example: { description: "Ubuntu 12.04 with the updates of May.", tags: ["Ubuntu", "Featured"] } },
    success: { status: 200, description: "The edited image.", schema: "Image", headers: { ETag: "The new ETag." } },
    errors: [400, 403, 404, 412, 413, 415],
    curl: { body: '{"description": "Edited from the command line."}' },
  },
  {
    method: "put",
    path: "/images/{id}",
    operationId: "replaceImage",
    tag: "Images",
    summary: "Edit every editable field of an image",
    description: "As PATCH, but name, description, tags, end_date, private and shared_with are all required: a GET body can be sent back changed.",
    auth: "required",
    pathParams: imageId,
    body: {
      schema: "ImageReplace",
      example: { name: "Ubuntu 12.04 Updated NoGUI v1", description: "Descriptiong for Ubuntu 12.04 Updated NoGUI v1", tags: ["Ubuntu", "Featured"], end_date: null, private: false, shared_with: [] },
    },
    success: { status: 200, description: "The edited image.", schema: "Image", headers: { ETag: "The new ETag." } },
    errors: [400, 403, 404, 412, 413, 415],
    curl: { body: '{"name": "Edited name", "description": "Edited description.", "tags": ["Edited"], "end_date": null, "private": false, "shared_with": []}' },
  },
  {
    method: "get",
    path: "/images/{id}/icon",
    operationId: "getImageIcon",
    tag: "Images",
    summary: "The image's icon",
    description: "The path is in the image's icon field, with a version that changes with the icon; cacheable for a year.",
    auth: "optional",
    pathParams: imageId,
    success: {
      status: 200,
      description: "The icon.",
      content: Object.fromEntries(["image/png", "image/jpeg", "image/webp"].map((type) => [type, { schema: { type: "string", contentMediaType: type } }])),
    },
    revalidated: "Changes with the icon.",
    errors: [404],
  },
  {
    method: "get",
    path: "/images/{id}/versions",
    operationId: "listImageVersions",
    tag: "Images",
    summary: "List an image's versions",
    description:
      "Every version of the image, oldest first, retired ones included: change log, lineage (the version it was made from), requirements, whether it may be imaged, the texts of the request that made it, and its machines (one per provider). Seen by whoever may see the image; 404 otherwise.",
    auth: "optional",
    pathParams: imageId,
    query: pageQuerySchema,
    success: { status: 200, description: "A page of versions.", schema: "VersionList", headers: { Link: "RFC 8288 links." } },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/images/{id}/versions/{version}",
    operationId: "getImageVersion",
    tag: "Images",
    summary: "Retrieve one version of an image",
    description: "404 when the image is not yours to see or has no such version.",
    auth: "optional",
    pathParams: { ...imageId, ...versionName },
    success: { status: 200, description: "The version.", schema: "Version" },
    revalidated: "Changes with every edit of the version; send it back in If-Match.",
    errors: [404],
  },
  {
    method: "patch",
    path: "/images/{id}/versions/{version}",
    operationId: "updateImageVersion",
    tag: "Images",
    summary: "Edit a version",
    description:
      "The image's creator and staff edit a version's change log, requirements and allow_imaging, and retire or restore it on every provider with end_date (a past date retires it now, null restores it). Read-only fields sent back unchanged are ignored; with If-Match, a stale ETag is a 412.",
    auth: "required",
    pathParams: { ...imageId, ...versionName },
    body: { schema: "VersionUpdate", example: { change_log: "Security updates; Python 3.12.", min_memory_gb: 8, allow_imaging: true } },
    success: { status: 200, description: "The edited version.", schema: "Version", headers: { ETag: "The new ETag." } },
    errors: [400, 403, 404, 412, 413, 415],
    curl: { body: '{"change_log": "Edited from the command line."}' },
  },
  {
    method: "get",
    path: "/images/{id}/bookmark",
    operationId: "getBookmark",
    tag: "Favorites",
    summary: "Whether an image is your favorite, and how many people mark it",
    description: "Anonymous callers get bookmarked false and the count. 404 where you may not see the image, as for the image itself.",
    auth: "optional",
    pathParams: imageId,
    success: { status: 200, description: "Your mark and the count.", schema: "Bookmark" },
    errors: [404],
  },
  {
    method: "put",
    path: "/images/{id}/bookmark",
    operationId: "bookmarkImage",
    tag: "Favorites",
    summary: "Mark an image as a favorite",
    description: "Idempotent: marking a favorite again changes nothing. No body is needed, and one sent is not read. 404 where you may not see the image. Your favorites are GET /images?bookmarked=true.",
    auth: "required",
    pathParams: imageId,
    success: { status: 204, description: "It is your favorite." },
    errors: [404],
  },
  {
    method: "delete",
    path: "/images/{id}/bookmark",
    operationId: "unbookmarkImage",
    tag: "Favorites",
    summary: "Remove an image from your favorites",
    description: "Idempotent: removing what is not a favorite changes nothing. 404 where you may not see the image.",
    auth: "required",
    pathParams: imageId,
    success: { status: 204, description: "It is not your favorite." },
    errors: [404],
  },
  {
    method: "post",
    path: "/provider/{providerId}/identity/{identityId}/request_image/",
    operationId: "requestImage",
    tag: "Image requests",
    summary: "Request an image",
    description:
      "Images are created by sending a request to Atmosphere support. Served with or without the trailing slash. 404 when the provider or identity does not exist or is not yours; 409 when the instance already has an open request.",
    auth: "required",
    pathParams: {
      providerId: { description: "The provider's id.", type: "integer" },
      identityId: { description: "Your identity on that provider (GET /identities).", type: "string", format: "uuid" },
    },
    body: {
      schema: "RequestImage",
      example: { name: "Ubuntu 12.04 with BLAST", ...SEED_REQUEST_EXAMPLE },
    },
    success: { status: 201, description: "The request, pending.", schema: "ImageRequest", headers: { Location: "The request's URL." } },
    errors: [400, 404, 409, 413, 415],
    curl: {
      body: '{"name": "My analysis image", "instance": "$INSTANCE_ALIAS", "description": "For the lab.", "tags": ["ESD", "apache2"], "vis": "public"}',
    },
  },
  {
    method: "get",
    path: "/image_requests",
    operationId: "listImageRequests",
    tag: "Image requests",
    summary: "List image requests",
    description: "Your own requests; staff see everyone's.",
    auth: "required",
    query: requestListQuerySchema,
    success: { status: 200, description: "A page of requests, newest first.", schema: "ImageRequestList", headers: { Link: "RFC 8288 links." } },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/image_requests/{id}",
    operationId: "getImageRequest",
    tag: "Image requests",
    summary: "Retrieve an image request",
    description: "Seen by the requester and staff; 404 for anyone else.",
    auth: "required",
    pathParams: requestId,
    success: { status: 200, description: "The request with its history.", schema: "ImageRequest" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/image_requests/{id}",
    operationId: "moveImageRequest",
    tag: "Image requests",
    summary: "Move an image request to another status",
    description:
      "pending → approved or denied (staff), closed (requester); approved → processing, completed, failed or denied (staff), closed (requester); processing → completed or failed; failed → approved. Anything else is a 409 naming the allowed moves. denied and failed need an admin_message. Completing creates the image and its version 1 in one transaction. On an openstack provider, completing needs the snapshot's Glance image: `alias` names it, or the image whose property atmosphere_request is the request's id is found; it must exist and be active (409 otherwise; 503 with Retry-After while the cloud cannot be reached).",
    auth: "required",
    pathParams: requestId,
    body: { schema: "RequestMove", example: { status: "denied", admin_message: "Please exclude the SSH keys and ask again." } },
    success: { status: 200, description: "The request, moved.", schema: "ImageRequest" },
    errors: [400, 404, 409, 413, 415, 503],
    curl: { body: '{"status": "closed"}' },
  },
  {
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    tag: "Notifications",
    summary: "List your notifications",
    description:
      "What happened to your requests and images (for staff also: requests submitted and withdrawn), newest first. The same notices are e-mailed when the server sends mail, unless you turned a kind off at /settings/notifications.",
    auth: "required",
    query: notificationListQuerySchema,
    success: { status: 200, description: "A page of notifications, newest first.", schema: "NotificationList", headers: { Link: "RFC 8288 links." } },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/notifications/read",
    operationId: "markNotificationsRead",
    tag: "Notifications",
    summary: "Mark notifications read",
    description: 'Send {"ids": [...]} (at most 1000) or {"all": true}. Ids that are not yours are left alone.',
    auth: "required",
    body: { schema: "MarkNotificationsRead", example: { ids: [12, 13] } },
    success: { status: 200, description: "How many were marked, and how many are still unread.", schema: "UnreadCount" },
    errors: [400, 413, 415],
    curl: { body: '{"all": true}' },
  },
  ...(
    [
      ["/providers", "listProviders", "List providers", "Every cloud the platform runs on.", "ProviderList", "optional"],
      ["/identities", "listIdentities", "List your identities", "Your accounts on each provider: what request_image's path needs.", "IdentityList", "required"],
      ["/instances", "listInstances", "List your instances", "Your running instances: what request_image's body needs.", "InstanceList", "required"],
      ["/tags", "listTags", "List tags", "Tags with the number of current images you can see under each.", "TagList", "optional"],
    ] as const
  ).map(
    ([path, operationId, summary, description, schema, auth]): Operation => ({
      method: "get",
      path,
      operationId,
      tag: "Cloud",
      summary,
      description,
      auth,
      query: pageQuerySchema,
      success: { status: 200, description: "A page.", schema, headers: { Link: "RFC 8288 links." } },
      // The tags are the catalog's; the other lists here are the caller's own or the platform's.
      ...(path === "/tags" ? { revalidated: CATALOG_ETAG } : {}),
      errors: [400, 404],
    }),
  ),
  {
    method: "post",
    path: "/auth/token",
    operationId: "createToken",
    tag: "Authentication",
    summary: "Get an API token for a username and password",
    description:
      `For scripts that sign in. Repeated failures for one username or from one address are slowed (each try must wait 1 s, 2 s, 4 s…) and then refused for 15 minutes: both answer 429 with Retry-After. An account holds at most ${ACTIVE_TOKENS_MAX} active tokens (neither revoked nor expired): one more is a 409. When too many sign-ins are being checked at once the answer is 503 with Retry-After. Accounts made by signing in through the institution (OpenID Connect) have no password: they make tokens on the Tokens page. Where password sign-in is turned off (LOCAL_SIGN_IN=false) the answer is 403.`,
    auth: "none",
    body: { schema: "TokenRequest", example: { username: "alice", password: "alice-demo", name: "lab laptop", expires_in_days: 90 } },
    success: { status: 201, description: "The token, shown once.", schema: "NewToken" },
    errors: [400, 403, 409, 413, 415, 429, 503],
    curl: { body: '{"username": "$ATMO_USERNAME", "password": "$ATMO_PASSWORD", "name": "my script"}' },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "About the API",
    summary: "This document",
    description: "OpenAPI 3.1, generated from the schemas that validate requests and shape responses.",
    auth: "optional",
    success: { status: 200, description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } },
    errors: [],
  },
];
