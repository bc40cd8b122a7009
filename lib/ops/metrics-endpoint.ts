import "server-only";
import { isIP } from "node:net";
import { viewerFromAuthorization } from "../auth/api-tokens";
import { notFound } from "../errors";
import { clientAddress } from "../http/proxy-trust";
import { registerDatabaseMetrics } from "./database-metrics";
import { registry } from "./metrics";

const isLoopback = (address: string | null) =>
  address !== null && ((isIP(address) === 4 && address.startsWith("127.")) || address === "::1" || /^::ffff:127\./i.test(address));

/**
 * GET /api/metrics (SPEC §11): Prometheus' text format, for a staff member's API token or a
 * client on this machine (the client's address as TRUST_PROXY decides it, so a request relayed
 * by a local nginx counts as its real client's). Anyone else gets the 404 of a page that is not
 * there: the endpoint is not advertised.
 */
export async function metricsAnswer(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization");
  const allowed = authorization !== null ? (await viewerFromAuthorization(authorization).catch(() => null))?.isStaff === true : isLoopback(clientAddress(request.headers));
  if (!allowed) throw notFound();
  registerDatabaseMetrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
