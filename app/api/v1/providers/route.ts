import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { listProviders } from "@/lib/cloud/providers";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { pageQuerySchema } from "@/lib/validations/pagination";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    await viewerFromRequest(request); // a bad token is still a 401 on a public list
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    const url = publicUrl(request);
    return collectionResponse(await listProviders(query, url), query, url);
  },
});
