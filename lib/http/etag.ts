/** Whether an If-Match header (a list of strong validators, or *) names this ETag. */
export const ifMatchAccepts = (header: string, etag: string) => header.trim() === "*" || header.split(",").some((tag) => tag.trim() === etag);
