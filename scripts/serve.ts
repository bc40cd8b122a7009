// The app's HTTP server: Next.js's request handler behind a plain node:http server, so that the
// app learns the address of each connection's other end (Next.js gives route handlers no socket).
// `npm start` and `npm run dev` run it; TRUST_PROXY then decides how far X-Forwarded-For is believed.
import { createServer } from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER } from "../lib/http/peer-address";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  // Whatever the client sent under this name is replaced: only the socket knows the peer.
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  void handle(request, response);
}).listen(port, () => console.log(`ready on port ${port}`));
