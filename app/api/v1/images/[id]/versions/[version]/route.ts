import { readJsonBody } from "@/lib/api/body";
import { answerWithEtag, apiRoute, jsonResponse } from "@/lib/api/route";
import { signedInViewerFromRequest, viewerFromRequest } from "@/lib/auth/viewer";
import { findVisibleVersion } from "@/lib/versions/get-version";
import type { VersionRow } from "@/lib/versions/read-versions";
import { toVersionJson, versionEtagFor } from "@/lib/versions/serialize";
import { updateVersion } from "@/lib/versions/update-version";

type Context = { params: Promise<{ id: string; version: string }> };

const versionResponse = (version: VersionRow) => jsonResponse(toVersionJson(version), { headers: { ETag: versionEtagFor(version) } });

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET(request, { params }: Context) {
    const { id, version: name } = await params;
    const { version } = await findVisibleVersion(await viewerFromRequest(request), id, name);
    return answerWithEtag(request, versionEtagFor(version), () => versionResponse(version));
  },
  async PATCH(request, { params }: Context) {
    const viewer = await signedInViewerFromRequest(request);
    const body = await readJsonBody(request);
    const { id, version: name } = await params;
    return versionResponse(await updateVersion(viewer, id, name, body, request.headers.get("if-match")));
  },
});
