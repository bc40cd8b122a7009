import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest } from "@/lib/auth/viewer";
import { markNotificationsRead } from "@/lib/notifications/mark-read";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async POST(request) {
    const viewer = await signedInViewerFromRequest(request);
    return jsonResponse(await markNotificationsRead(viewer, await readJsonBody(request)));
  },
});
