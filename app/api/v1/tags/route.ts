import { answerWithEtag, apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { catalogEtag } from "@/lib/images/catalog-etag";
import { listTags } from "@/lib/images/list-tags";
import { pageQuerySchema } from "@/lib/validations/pagination";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(pageQuerySchema, request.nextUrl.searchParams);
    const url = publicUrl(request);
    return answerWithEtag(request, await catalogEtag(viewer, url), async () => collectionResponse(await listTags(viewer, query, url), query, url));
  },
});
