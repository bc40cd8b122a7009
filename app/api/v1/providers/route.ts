import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { listProviders } from "@/lib/cloud/providers";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { pageQuerySchema } from "@/lib/validations/pagination";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    await viewerFromRequest(request); // a bad token is still a 401 on a public list
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    return collectionResponse(await listProviders(query, request.nextUrl), query, request.nextUrl);
  },
});
