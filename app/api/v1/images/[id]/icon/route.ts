import { apiRoute } from "@/lib/api/route";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { ifNoneMatchHits } from "@/lib/http/etag";
import { readImageIcon } from "@/lib/images/icons";

type Context = { params: Promise<{ id: string }> };

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const icon = await readImageIcon(await viewerFromRequest(request), (await params).id);
    const headers = {
      "Content-Type": icon.contentType,
      // Opened on its own, the icon is a sandboxed document that may load nothing (next.config.js
      // leaves this path out of the API's policy, so that this one is the icon's).
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
      ETag: icon.etag,
      ...icon.caching,
    };
    if (ifNoneMatchHits(request.headers.get("if-none-match"), icon.etag)) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(icon.bytes), { headers });
  },
});
