import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest, viewerFromRequest } from "@/lib/auth/viewer";
import { findVisibleRequest } from "@/lib/image-requests/find-requests";
import { moveRequest } from "@/lib/image-requests/move-request";
import { toRequestJson } from "@/lib/image-requests/serialize";

type Context = { params: Promise<{ id: string }> };

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const viewer = await viewerFromRequest(request);
    return jsonResponse(toRequestJson(await findVisibleRequest(viewer, (await params).id)));
  },
  async PATCH(request, { params }: Context) {
    const viewer = await signedInViewerFromRequest(request);
    const body = await readJsonBody(request);
    return jsonResponse(toRequestJson(await moveRequest(viewer, (await params).id, body)));
  },
});
