/** Whether an If-Match header (a list of strong validators, or *) names this ETag. */
export const ifMatchAccepts = (header: string, etag: string) => header.trim() === "*" || header.split(",").some((tag) => tag.trim() === etag);

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/**
 * Whether an If-None-Match header names this ETag, so that the answer is a 304: `*`, or any
 * tag of the list under the weak comparison (RFC 9110 §13.1.2: W/ is ignored).
 */
export const ifNoneMatchHits = (header: string | null, etag: string) =>
  header !== null && (header.trim() === "*" || header.split(",").some((tag) => opaque(tag) === opaque(etag)));
