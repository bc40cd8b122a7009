import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/viewer", () => ({ currentViewer: async () => null }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("redirect"), { to });
  },
  notFound: () => undefined,
  forbidden: () => undefined,
}));

const { requireViewer } = await import("@/lib/pages");

/** Where requireViewer sends an anonymous visitor of `returnTo`, and where the sign-in page would send them back. */
async function returnPathFor(returnTo: string): Promise<string> {
  try {
    await requireViewer(returnTo);
  } catch (error) {
    const to = (error as { to: string }).to;
    expect(to.startsWith("/login?callbackUrl=")).toBe(true);
    return new URL(to, "http://site.invalid").searchParams.get("callbackUrl")!;
  }
  throw new Error("no redirect");
}

describe("requireViewer", () => {
  it("sends anonymous visitors to sign in and back to the page they asked for", async () => {
    expect(await returnPathFor("/requests/new?instance=abc")).toBe("/requests/new?instance=abc");
  });

  it("never puts a path that leaves the site into the sign-in link, whatever a route parameter holds", async () => {
    for (const hostile of ["/images/\t/evil.example", "//evil.example", "/\\evil.example", "/.//evil.example"]) {
      expect(await returnPathFor(hostile), hostile).toBe("/");
    }
  });
});
