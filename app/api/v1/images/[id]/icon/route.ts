import { apiRoute } from "@/lib/api/route";
import { viewerFromRequest } from "@/lib/auth/viewer";
import { readImageIcon } from "@/lib/images/icons";

type Context = { params: Promise<{ id: string }> };

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const icon = await readImageIcon(await viewerFromRequest(request), (await params).id);
    const etag = `"${icon.sha256}"`;
    const headers = {
      "Content-Type": icon.contentType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      // The path changes with the icon, so what a browser has is good for a year; private, as the image may be.
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: etag,
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(icon.bytes), { headers });
  },
});
