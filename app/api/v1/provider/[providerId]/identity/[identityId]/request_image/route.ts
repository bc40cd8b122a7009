import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest } from "@/lib/auth/viewer";
import { requestImage } from "@/lib/image-requests/request-image";
import { toRequestJson } from "@/lib/image-requests/serialize";
import { publicUrl } from "@/lib/http/public-origin";

type Context = { params: Promise<{ providerId: string; identityId: string }> };

// Served with and without the trailing slash (next.config.js skips Next's redirect).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async POST(request, { params }: Context) {
    const viewer = await signedInViewerFromRequest(request);
    const { providerId, identityId } = await params;
    const body = await readJsonBody(request);
    const created = await requestImage(viewer, providerId, identityId, body);
    const location = publicUrl(request, `/api/v1/image_requests/${created.id}`).toString();
    return jsonResponse(toRequestJson(created), { status: 201, headers: { Location: location } });
  },
});
