// The route of a request's log line and metric labels: ids out, so that labels stay few.
import { describe, expect, it } from "vitest";
import { routeLabel } from "@/lib/ops/route-label";
import { requestIdFor } from "@/lib/ops/request-context";

describe("routeLabel", () => {
  it.each([
    ["/api/v1/images?search=secret-token", 200, "/api/v1/images"],
    ["/api/v1/images/6f1c3b1e-8a55-4c57-9a52-0d1f0b7f4a10/versions/2.1", 200, "/api/v1/images/:id/versions/:id"],
    ["/api/v1/image_requests/42", 200, "/api/v1/image_requests/:id"],
    ["/api/v1/provider/1/identity/6f1c3b1e-8a55-4c57-9a52-0d1f0b7f4a10/request_image/", 201, "/api/v1/provider/:id/identity/:id/request_image/"],
    ["/images", 200, "/images"],
    ["/_next/static/chunks/app-4f5e6a.js", 200, "/_next/*"],
    ["/wp-admin/setup-config.php", 404, "(not found)"],
    ["/api/auth/callback/oidc?code=abc&state=def", 302, "/api/auth/callback/oidc"],
    ["/images/6f1c3b1e-8a55-4c57-9a52-0d1f0b7f4a10/versions/1.0-beta/edit", 200, "/images/:id/versions/:id/edit"],
    // Paths anyone can invent: one label per kind of answer.
    ["/api/auth/zz-invented-1", 400, "(refused)"],
    ["/api/v1/images/not-a-uuid", 401, "(refused)"],
    ["/invented-page", 403, "(refused)"],
  ])("%s (%i) is %s", (url, status, route) => {
    expect(routeLabel(url, status)).toBe(route);
  });

  it("gives every preflight one label", () => {
    expect(routeLabel("/api/v1/zz-random-1", 204, "OPTIONS")).toBe("(preflight)");
  });
});

describe("requestIdFor", () => {
  it("keeps a trusted proxy's well-formed id, and makes one otherwise", () => {
    expect(requestIdFor("0123456789abcdef0123456789abcdef", true)).toBe("0123456789abcdef0123456789abcdef");
    for (const [sent, trusted] of [["0123456789abcdef0123456789abcdef", false], ["short", true], ["has spaces in it\n{json}", true], [undefined, true]] as const) {
      expect(requestIdFor(sent, trusted)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
