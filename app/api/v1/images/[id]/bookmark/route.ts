import type { NextRequest } from "next/server";
import { apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest, viewerFromRequest } from "@/lib/auth/viewer";
import { getBookmark } from "@/lib/bookmarks/get-bookmark";
import { setBookmark } from "@/lib/bookmarks/set-bookmark";

type Context = { params: Promise<{ id: string }> };

// The favorite has no fields: the request itself is the mark. A body is never read, so whatever
// a client sends with it (JSON, text, a megabyte) neither fails nor changes the answer.
const mark = (marked: boolean) => async (request: NextRequest, { params }: Context) => {
  await setBookmark(await signedInViewerFromRequest(request), (await params).id, marked);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
};

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    return jsonResponse(await getBookmark(await viewerFromRequest(request), (await params).id));
  },
  PUT: mark(true),
  DELETE: mark(false),
});
