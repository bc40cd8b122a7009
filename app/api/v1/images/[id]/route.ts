import type { NextRequest } from "next/server";
import { readJsonBody } from "@/lib/api/body";
import { answerWithEtag, apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest, viewerFromRequest } from "@/lib/auth/viewer";
import { findVisibleImage } from "@/lib/images/get-image";
import { imageEtagFor, toImageJson, type ImageRow } from "@/lib/images/serialize";
import { updateImage } from "@/lib/images/update-image";
import type { Viewer } from "@/lib/auth/viewer";

type Context = { params: Promise<{ id: string }> };

const imageResponse = (image: ImageRow, viewer: Viewer | null) =>
  jsonResponse(toImageJson(image, viewer), { headers: { ETag: imageEtagFor(image, viewer) } });

async function edit(request: NextRequest, { params }: Context, replace: boolean) {
  const viewer = await signedInViewerFromRequest(request);
  const body = await readJsonBody(request);
  const image = await updateImage(viewer, (await params).id, body, { replace, ifMatch: request.headers.get("if-match") });
  return imageResponse(image, viewer);
}

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const viewer = await viewerFromRequest(request);
    const image = await findVisibleImage(viewer, (await params).id);
    return answerWithEtag(request, imageEtagFor(image, viewer), () => imageResponse(image, viewer));
  },
  PATCH: (request, context) => edit(request, context, false),
  PUT: (request, context) => edit(request, context, true),
});
