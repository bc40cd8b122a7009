import { BlockList, isIP } from "node:net";
import { peerAddress } from "./peer-address";

/**
 * TRUST_PROXY: unset (or "false", "0") when clients connect to the app directly, so
 * X-Forwarded-For is not believed; a number of proxies in front of the app ("1" for one nginx);
 * or a comma-separated list of the proxies' addresses and networks ("127.0.0.1, 10.0.0.0/8").
 * Read once: it is configuration (our server reads it at start, so a mistake stops the start).
 */
type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; trusted: BlockList };

let parsed: { raw: string | undefined; trust: ProxyTrust } | undefined;

export function proxyTrust(raw = process.env.TRUST_PROXY): ProxyTrust {
  if (!parsed || parsed.raw !== raw) parsed = { raw, trust: parseProxyTrust(raw) };
  return parsed.trust;
}

export function parseProxyTrust(raw: string | undefined): ProxyTrust {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "false" || value === "0") return { kind: "none" };
  if (/^\d+$/.test(value)) return { kind: "hops", hops: Number(value) };
  const trusted = new BlockList();
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new Error(`TRUST_PROXY: "${entry}" is neither a number of proxies nor an address or network`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(prefix), type);
  }
  return { kind: "addresses", trusted };
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export const normalizeAddress = (address: string) => {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
};

const isTrustedAddress = (trusted: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
};

/**
 * The client's address: the connection's own peer, or, behind trusted proxies, the address the
 * nearest of them saw. X-Forwarded-For is read from the right (each proxy appends the address it
 * saw), so an entry the client wrote itself, always on the left, is never taken for it. Null when
 * the app does not run behind our server (`next dev` or `next start` by hand).
 */
export function clientAddress(headers: Headers, trust = proxyTrust()): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  if (trust.kind === "none") return normalizeAddress(peer);
  const chain = [...(headers.get("x-forwarded-for") ?? "").split(","), peer].map(normalizeAddress).filter(Boolean);
  let index = chain.length - 1;
  if (trust.kind === "hops") index = Math.max(0, chain.length - 1 - trust.hops);
  else while (index > 0 && isTrustedAddress(trust.trusted, chain[index])) index--;
  // A proxy writes addresses; anything else in the picked place came from the client.
  return isIP(chain[index]) ? chain[index] : normalizeAddress(peer);
}
