import { apiRoute, jsonResponse } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readiness } from "@/lib/ops/readiness";

/** Readiness (SPEC §11): the database answers and has every migration of this build; else 503 with the reason. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  async GET() {
    const state = await readiness();
    if (!state.ready) throw new AppError(503, state.reason, undefined, { "Retry-After": "5" });
    return jsonResponse({ status: "ready" }, { headers: { "Cache-Control": "no-store" } });
  },
});
