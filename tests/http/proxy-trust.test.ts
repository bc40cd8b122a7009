import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { clientAddress, parseProxyTrust } from "@/lib/http/proxy-trust";

const request = (peer: string | null, forwardedFor?: string) =>
  new Headers({ ...(peer === null ? {} : { [PEER_ADDRESS_HEADER]: peer }), ...(forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor }) });

describe("clientAddress", () => {
  it("without TRUST_PROXY is the connection's peer, whatever X-Forwarded-For says", () => {
    const none = parseProxyTrust(undefined);
    for (const spoofed of ["203.0.113.1", "198.51.100.7, 10.0.0.1", "garbage"]) {
      expect(clientAddress(request("192.0.2.10", spoofed), none)).toBe("192.0.2.10");
    }
    expect(clientAddress(request("::ffff:192.0.2.10"), none)).toBe("192.0.2.10");
    expect(parseProxyTrust("false")).toEqual({ kind: "none" });
    expect(parseProxyTrust("0")).toEqual({ kind: "none" });
  });

  it("is null when no server of ours says who the peer is", () => {
    expect(clientAddress(request(null, "203.0.113.1"), parseProxyTrust("1"))).toBeNull();
  });

  it("behind N proxies takes the address the nearest one saw, counted from the right", () => {
    const one = parseProxyTrust("1");
    // The client wrote 203.0.113.66 itself; nginx appended the address it saw, 198.51.100.7.
    expect(clientAddress(request("127.0.0.1", "203.0.113.66, 198.51.100.7"), one)).toBe("198.51.100.7");
    expect(clientAddress(request("127.0.0.1", "198.51.100.7"), one)).toBe("198.51.100.7");
    expect(clientAddress(request("10.0.0.2", "203.0.113.66, 198.51.100.7, 10.0.0.1"), parseProxyTrust("2"))).toBe("198.51.100.7");
    // Reached directly, bypassing the proxy: the peer is all there is.
    expect(clientAddress(request("192.0.2.10"), one)).toBe("192.0.2.10");
  });

  it("with a list of proxies walks left past trusted addresses only", () => {
    const list = parseProxyTrust("127.0.0.1, 10.0.0.0/8, ::1");
    expect(clientAddress(request("127.0.0.1", "203.0.113.66, 198.51.100.7, 10.1.2.3"), list)).toBe("198.51.100.7");
    expect(clientAddress(request("::1", "198.51.100.7"), list)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(clientAddress(request("192.0.2.10", "203.0.113.66"), list)).toBe("192.0.2.10");
    // Everything trusted: the leftmost is as far as we can see.
    expect(clientAddress(request("127.0.0.1", "10.0.0.9"), list)).toBe("10.0.0.9");
  });

  it("never takes something that is not an address", () => {
    expect(clientAddress(request("127.0.0.1", "not-an-address"), parseProxyTrust("1"))).toBe("127.0.0.1");
    expect(clientAddress(request("127.0.0.1", "<script>, 198.51.100.7"), parseProxyTrust("5"))).toBe("127.0.0.1");
  });

  it("refuses a TRUST_PROXY it cannot read", () => {
    expect(() => parseProxyTrust("nginx")).toThrow(/TRUST_PROXY/);
    expect(() => parseProxyTrust("10.0.0.0/x")).toThrow(/TRUST_PROXY/);
  });
});

describe("the peer address header", () => {
  it("counts only when our server runs the app; under another server a client could have sent it", () => {
    const flag = Symbol.for("atmosphere.peer-address-header");
    const saved = (globalThis as Record<symbol, unknown>)[flag];
    delete (globalThis as Record<symbol, unknown>)[flag];
    try {
      expect(clientAddress(request("198.51.100.77"), parseProxyTrust(undefined))).toBeNull();
      expect(clientAddress(request("127.0.0.1", "192.0.2.200"), parseProxyTrust("127.0.0.1"))).toBeNull();
    } finally {
      (globalThis as Record<symbol, unknown>)[flag] = saved;
    }
    expect(clientAddress(request("198.51.100.77"), parseProxyTrust(undefined))).toBe("198.51.100.77");
  });
});
