import { apiRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";

// Anything under /api/v1 that no route serves: a problem+json 404 rather than an HTML page.
const missing = async () => {
  throw notFound("No such API endpoint. The API's paths are listed in the README.");
};

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  GET: missing,
  POST: missing,
  PUT: missing,
  PATCH: missing,
  DELETE: missing,
});
