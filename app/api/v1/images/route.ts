import { apiRoute, collectionResponse } from "@/lib/api/route";
import { parseQuery } from "@/lib/validations/query";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { listImages } from "@/lib/images/list-images";
import { imageListQuerySchema } from "@/lib/validations/images";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await viewerFromRequest(request);
    const query = parseQuery(imageListQuerySchema, request.nextUrl.searchParams, ["tag"]);
    return collectionResponse(await listImages(viewer, query, request.nextUrl), query, request.nextUrl);
  },
});
