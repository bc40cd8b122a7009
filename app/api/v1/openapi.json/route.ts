import { apiRoute } from "@/lib/api/route";
import { openApiDocument } from "@/lib/openapi/document";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET() {
    return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
  },
});
