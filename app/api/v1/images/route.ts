import { answerWithEtag, apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { catalogEtag } from "@/lib/images/catalog-etag";
import { listImages } from "@/lib/images/list-images";
import { imageListQuerySchema } from "@/lib/validations/images";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(imageListQuerySchema, request.nextUrl.searchParams, ["tag"]);
    const url = publicUrl(request);
    return answerWithEtag(request, await catalogEtag(viewer, url, query), async () => collectionResponse(await listImages(viewer, query, url), query, url));
  },
});
