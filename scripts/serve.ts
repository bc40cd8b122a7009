// The app's HTTP server: Next.js's request handler behind a plain node:http server, so that the
// app learns the address of each connection's other end (Next.js gives route handlers no socket).
// `npm start` and `npm run dev` run it; TRUST_PROXY then decides how far X-Forwarded-For is believed.
// It also gives every request its id, its log line and its metrics (SPEC §11), and stops cleanly
// on SIGTERM: no new connections, the requests in flight finished (up to 30 s), background work
// stopped, the database closed, exit 0.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server, type Socket } from "node:net";
import next from "next";
import { checkSignInSettings } from "../lib/auth/oidc/settings";
import { checkSharedSecrets } from "../lib/auth/secret";
import { servePage } from "../lib/http/page-cache";
import { PEER_ADDRESS_HEADER, trustPeerAddressHeader, writePeerHeaders } from "../lib/http/peer-address";
import { clientAddress, proxyTrust } from "../lib/http/proxy-trust";
import { configuredOrigin } from "../lib/http/public-origin";
import { logger } from "../lib/ops/logger";
import { observeRequest } from "../lib/ops/metrics";
import { requestIdFor, runInRequestContext, type RequestContext } from "../lib/ops/request-context";
import { routeLabel } from "../lib/ops/route-label";
import { stopBackgroundWork } from "../lib/ops/shutdown";

const SHUTDOWN_GRACE_MS = 30_000;
const ACCEPT_PENDING_MS = 100;
const SILENT_CONNECTION_GRACE_MS = 1_000;

// Settings are read now, so that a mistake in them stops the start instead of failing requests.
if (proxyTrust().kind !== "none" && !configuredOrigin()) {
  logger.warn("TRUST_PROXY is set but NEXTAUTH_URL is not: links will name this server's own address. Set NEXTAUTH_URL to the public URL.");
}
trustPeerAddressHeader();
checkSignInSettings();
checkSharedSecrets();

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// HOST: where to listen (all interfaces by default). Behind a proxy, listen where only it can
// connect (127.0.0.1 when it runs on the same machine): a client that reaches the app directly
// could write any X-Forwarded-For the TRUST_PROXY setting believes.
const hostname = process.env.HOST || undefined;
const app = next({ dev, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

// Anonymous catalog pages may be answered from memory (lib/http/page-cache.ts); not while
// developing, where the page's code changes under it.
const respond = dev ? handle : (request: IncomingMessage, response: ServerResponse) => servePage(request, response, () => void handle(request, response));
const trustSentRequestId = proxyTrust().kind !== "none";
let stopping = false;

function serve(request: IncomingMessage, response: ServerResponse) {
  const started = process.hrtime.bigint();
  // Whatever the client sent under these names is replaced: only the socket knows the peer.
  writePeerHeaders(request.headers, request.socket.remoteAddress);
  const context: RequestContext = { requestId: requestIdFor(request.headers["x-request-id"], trustSentRequestId), userId: null };
  request.headers["x-request-id"] = context.requestId;
  response.setHeader("X-Request-Id", context.requestId);
  if (stopping) response.setHeader("Connection", "close");
  const connection = connections.get(request.socket);
  connection?.answering.add(response);
  response.once("close", () => {
    if (connection) {
      connection.answering.delete(response);
      connection.served++;
    }
    try {
      record(request, response, context, Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      logger.error({ event: "error", request_id: context.requestId, err: error }, "could not record the request");
    }
  });
  runInRequestContext(context, () => void respond(request, response));
}

/** The request's metrics and its log line. */
function record(request: IncomingMessage, response: ServerResponse, context: RequestContext, seconds: number) {
  const route = routeLabel(request.url, response.statusCode, request.method);
  observeRequest(request.method ?? "", route, response.statusCode, seconds);
  // Never the query string, a header or a body: they may hold tokens, codes and passwords.
  logger.info({
    event: "request",
    request_id: context.requestId,
    method: request.method,
    route,
    status: response.statusCode,
    duration_ms: Math.round(seconds * 10_000) / 10,
    user_id: context.userId,
    // Only what the address is read from: not a copy of every header, on every request.
    address: clientAddress(new Headers(pick(request.headers, [PEER_ADDRESS_HEADER, "x-forwarded-for"]))),
    ...(response.writableFinished ? {} : { aborted: true }),
  });
}

const pick = (headers: IncomingMessage["headers"], names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (typeof headers[name] === "string" ? [[name, headers[name]]] : [])));

const server = createServer(serve);
// Each connection: the answers it is waiting for (several, when requests are pipelined), and how many it has had.
const connections = new Map<Socket, { answering: Set<ServerResponse>; served: number }>();
const inFlight = () => [...connections.values()].reduce((sum, state) => sum + state.answering.size, 0);
server.on("connection", (socket: Socket) => {
  connections.set(socket, { answering: new Set(), served: 0 });
  socket.once("close", () => connections.delete(socket));
});
server.listen(port, hostname, () => logger.info({ event: "listening", host: hostname ?? "all interfaces", port }, `ready on ${hostname ?? "all interfaces"}, port ${port}`));

/**
 * Stopping: the listening socket closes (no new connection is taken), but the connections
 * already accepted are not cut (http.Server#close would close those still waiting for their
 * first request, whose clients sent it before the signal). Each is closed once it is idle after
 * an answer; what is still running after 30 s is cut.
 */
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  logger.info({ event: "stopping", signal, in_flight: inFlight(), connections: connections.size });
  // Connections the kernel has accepted but the event loop has not taken yet would be reset by
  // closing the listening socket at once: they are taken in first (answered with Connection: close).
  await new Promise((resolve) => setTimeout(resolve, ACCEPT_PENDING_MS));
  Server.prototype.close.call(server);
  // Answers still to be sent end their connection, so that no client sends another request on it.
  for (const state of connections.values()) for (const answer of state.answering) if (!answer.headersSent) answer.setHeader("Connection", "close");
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  // A connection that has sent nothing by then (a browser's preconnect, a balancer's idle one) is not waited for.
  const silentUntil = Date.now() + SILENT_CONNECTION_GRACE_MS;
  for (;;) {
    for (const [socket, state] of connections) {
      if (state.answering.size === 0 && (state.served > 0 || Date.now() >= silentUntil)) socket.destroy();
    }
    if (connections.size === 0 || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (connections.size > 0) logger.warn({ event: "stopping", in_flight: inFlight(), connections: connections.size }, "connections still open after 30 s are cut");
  server.closeAllConnections();
  await stopBackgroundWork();
  logger.info({ event: "stopped" });
  process.exit(0);
}
// `on`, not `once`: Ctrl-C reaches both npm start and this process, and a second signal must not kill it mid-stop.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(signal));
