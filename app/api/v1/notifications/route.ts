import { apiRoute, collectionResponse } from "@/lib/api/route";
import { signedInViewerFromRequest } from "@/lib/auth/viewer";
import { publicUrl } from "@/lib/http/public-origin";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { notificationListQuerySchema } from "@/lib/validations/notifications";
import { parseQuery } from "@/lib/validations/query";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request) {
    const viewer = await signedInViewerFromRequest(request);
    const query = parseQuery(notificationListQuerySchema, request.nextUrl.searchParams);
    const url = publicUrl(request);
    return collectionResponse(await listNotifications(viewer, query, url), query, url);
  },
});
