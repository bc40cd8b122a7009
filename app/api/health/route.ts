import { apiRoute, jsonResponse } from "@/lib/api/route";

/** Liveness (SPEC §11): the process is up and answering; nothing else is checked. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({
  GET: async () => jsonResponse({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
});
