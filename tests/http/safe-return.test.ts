import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/safe-return";
import { OPEN_REDIRECT_PAYLOADS } from "../open-redirect-payloads";

const ORIGIN = "https://images.example.org";

/** Where a browser goes with a Location of `path`: it drops tabs and line breaks and reads "\" as "/" first. */
const browserTarget = (path: string) => new URL(path.replace(/[\t\n\r]/g, "").replace(/\\/g, "/"), ORIGIN);

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("safeReturnPath", () => {
  it.each(OPEN_REDIRECT_PAYLOADS.map((payload) => [JSON.stringify(payload).slice(0, 60), payload]))("keeps %s on the site", (_, payload) => {
    const path = safeReturnPath(payload);
    expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
    expect(browserTarget(path).origin).toBe(ORIGIN);
  });

  it("keeps paths of this site with their query and fragment", () => {
    expect(safeReturnPath("/images?tag=R&page=2#top")).toBe("/images?tag=R&page=2#top");
    expect(safeReturnPath("/requests/new?instance=5b1c")).toBe("/requests/new?instance=5b1c");
    expect(safeReturnPath("images")).toBe("/images");
  });

  it("takes an absolute URL of the app's public origin as its path, and no other origin", () => {
    process.env.NEXTAUTH_URL = ORIGIN;
    expect(safeReturnPath(`${ORIGIN}/settings/tokens`)).toBe("/settings/tokens");
    expect(safeReturnPath("https://images.example.org.evil.example/settings")).toBe("/");
    expect(safeReturnPath("http://images.example.org/settings")).toBe("/");
  });

  it("turns anything that is not a string into /", () => {
    for (const value of [undefined, null, 3, ["/images"], { toString: () => "/images" }, ""]) expect(safeReturnPath(value)).toBe("/");
  });

  it("never leaves the site, whatever the input (generated)", () => {
    const piece = fc.constantFrom("/", "\\", "//", "\t", "\n", "\r", "%2F", "%5C", "%09", ".", "..", "@", ":", "evil.example", "http:", "javascript:", "\u2215", "\uFF0F", " ", "?", "#");
    fc.assert(
      fc.property(fc.oneof(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")), fc.string({ unit: "binary", maxLength: 80 })), (input) => {
        const path = safeReturnPath(input);
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
        expect(browserTarget(path).origin).toBe(ORIGIN);
      }),
      { numRuns: 2000 },
    );
  });
});
