import { apiRoute, collectionResponse } from "@/lib/api/route";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { listRequests } from "@/lib/image-requests/find-requests";
import { requestListQuerySchema } from "@/lib/validations/image-requests";
import { parseQuery } from "@/lib/validations/query";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(requestListQuerySchema, request.nextUrl.searchParams, ["status"]);
    const url = publicUrl(request);
    return collectionResponse(await listRequests(viewer, query, url), query, url);
  },
});
