/**
 * The header through which our HTTP server (scripts/serve.ts) tells the app the address of the
 * connection's other end. Next.js gives route handlers and pages no access to the socket, and
 * every X-Forwarded-For value may be written by the client; this one is always overwritten by
 * our server, whatever the client sent.
 */
export const PEER_ADDRESS_HEADER = "x-atmosphere-peer-address";

// A flag in the process itself (not a header or a setting a client could reach): only when our
// server runs the app is the header known to be its own. Under `next start` or `next dev` run by
// hand, a client could send it.
const WRITTEN_BY_OUR_SERVER = Symbol.for("atmosphere.peer-address-header");
type Flagged = { [WRITTEN_BY_OUR_SERVER]?: boolean };

/** Called by our server before Next.js loads. */
export function trustPeerAddressHeader(): void {
  (globalThis as Flagged)[WRITTEN_BY_OUR_SERVER] = true;
}

/** The peer's address, when our server wrote it; otherwise null, whatever the request carries. */
export const peerAddress = (headers: Headers): string | null =>
  (globalThis as Flagged)[WRITTEN_BY_OUR_SERVER] === true ? headers.get(PEER_ADDRESS_HEADER) || null : null;

/**
 * Our server's word on whether the request came through a proxy: "1" when it arrived with a
 * header a proxy adds, else "0". The app cannot tell from the headers it sees, because Next.js
 * itself adds X-Forwarded-For (the peer's address) to every request that has none.
 */
export const RELAYED_HEADER = "x-atmosphere-relayed";
const RELAY_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

/** Called by our server on each request as it arrives: both headers, whatever the client sent under their names. */
export function writePeerHeaders(headers: Record<string, string | string[] | undefined>, address: string | undefined): void {
  headers[PEER_ADDRESS_HEADER] = address ?? "";
  headers[RELAYED_HEADER] = RELAY_HEADERS.some((name) => headers[name] !== undefined) ? "1" : "0";
}

/** Whether the request reached our server straight from its sender; false when our server did not say. */
export const cameDirectly = (headers: Headers): boolean => peerAddress(headers) !== null && headers.get(RELAYED_HEADER) === "0";
