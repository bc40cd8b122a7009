import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { listTags } from "@/lib/images/list-tags";
import { pageQuerySchema } from "@/lib/validations/pagination";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    return collectionResponse(await listTags(viewer, query, request.nextUrl), query, request.nextUrl);
  },
});
