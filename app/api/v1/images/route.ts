import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { listImages } from "@/lib/images/list-images";
import { imageListQuerySchema } from "@/lib/validations/images";
import { publicUrl } from "@/lib/http/public-origin";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(imageListQuerySchema, request.nextUrl.searchParams, ["tag"]);
    const url = publicUrl(request);
    return collectionResponse(await listImages(viewer, query, url), query, url);
  },
});
