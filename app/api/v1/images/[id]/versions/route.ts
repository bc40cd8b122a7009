import { apiRoute, collectionResponse } from "@/lib/api/route";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { publicUrl } from "@/lib/http/public-origin";
import { pageQuerySchema } from "@/lib/validations/pagination";
import { parseQuery } from "@/lib/validations/query";
import { listVersions } from "@/lib/versions/get-version";

type Context = { params: Promise<{ id: string }> };

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    const url = publicUrl(request);
    return collectionResponse(await listVersions(viewer, (await params).id, query, url), query, url);
  },
});
