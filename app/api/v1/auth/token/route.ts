import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/route";
import { clientAddress } from "@/lib/http/proxy-trust";
import { issueToken } from "@/lib/auth/issue-token";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async POST(request) {
    const body = await readJsonBody(request);
    return jsonResponse(await issueToken(body, clientAddress(request.headers)), { status: 201 });
  },
});
