import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { listInstances } from "@/lib/cloud/instances";
import { pageQuerySchema } from "@/lib/validations/pagination";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    const url = publicUrl(request);
    return collectionResponse(await listInstances(viewer, query, url), query, url);
  },
});
