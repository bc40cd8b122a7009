import "server-only";
import { isIP } from "node:net";
import { viewerFromAuthorization } from "../auth/api-tokens";
import { notFound } from "../errors";
import { cameDirectly, peerAddress } from "../http/peer-address";
import { normalizeAddress } from "../http/proxy-trust";
import { registerDatabaseMetrics } from "./database-metrics";
import { registry } from "./metrics";

const isLoopback = (peer: string | null) => {
  const address = peer === null ? "" : normalizeAddress(peer);
  return isIP(address) === 4 ? address.startsWith("127.") : address === "::1";
};

// A request a proxy relayed comes from the proxy's address: on the same machine that is loopback
// too, whoever the client was. Only a request made on this machine, directly, counts.
const isDirectFromThisMachine = (headers: Headers) => isLoopback(peerAddress(headers)) && cameDirectly(headers);

/**
 * GET /api/metrics (SPEC §11): Prometheus' text format, for a staff member's API token or a
 * scraper on this machine connecting to the app directly (not through a proxy). Anyone else gets
 * the 404 of a page that is not there: the endpoint is not advertised.
 */
export async function metricsAnswer(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization");
  const allowed = authorization !== null ? (await viewerFromAuthorization(authorization).catch(() => null))?.isStaff === true : isDirectFromThisMachine(request.headers);
  if (!allowed) throw notFound();
  registerDatabaseMetrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
