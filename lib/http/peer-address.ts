/**
 * The header through which our HTTP server (scripts/serve.ts) tells the app the address of the
 * connection's other end. Next.js gives route handlers and pages no access to the socket, and
 * every X-Forwarded-For value may be written by the client; this one is always overwritten by
 * the server, whatever the client sent.
 */
export const PEER_ADDRESS_HEADER = "x-atmosphere-peer-address";
