// The app's HTTP server: Next.js's request handler behind a plain node:http server, so that the
// app learns the address of each connection's other end (Next.js gives route handlers no socket).
// `npm start` and `npm run dev` run it; TRUST_PROXY then decides how far X-Forwarded-For is believed.
import { createServer } from "node:http";
import next from "next";
import { checkSignInSettings } from "../lib/auth/oidc/settings";
import { PEER_ADDRESS_HEADER, trustPeerAddressHeader } from "../lib/http/peer-address";
import { proxyTrust } from "../lib/http/proxy-trust";
import { configuredOrigin } from "../lib/http/public-origin";

// Settings are read now, so that a mistake in them stops the start instead of failing requests.
if (proxyTrust().kind !== "none" && !configuredOrigin()) {
  console.warn("TRUST_PROXY is set but NEXTAUTH_URL is not: links will name this server's own address. Set NEXTAUTH_URL to the public URL.");
}
trustPeerAddressHeader();
checkSignInSettings();

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// HOST: where to listen (all interfaces by default). Behind a proxy, listen where only it can
// connect (127.0.0.1 when it runs on the same machine): a client that reaches the app directly
// could write any X-Forwarded-For the TRUST_PROXY setting believes.
const hostname = process.env.HOST || undefined;
const app = next({ dev, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  // Whatever the client sent under this name is replaced: only the socket knows the peer.
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  void handle(request, response);
}).listen(port, hostname, () => console.log(`ready on ${hostname ?? "all interfaces"}, port ${port}`));
