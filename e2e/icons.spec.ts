// The favicon, the app icons and the web manifest: served (the proxy's matcher leaves them
// alone), linked from every page's head, and each the size it claims.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (bytes: Buffer) => `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;

test("the icons and the web manifest load with 200, as their types and sizes", async ({ request }) => {
  const files: [string, string][] = [
    ["/favicon.ico", "image/x-icon"],
    ["/icon.svg", "image/svg+xml"],
    ["/icons/icon-192.png", "image/png"],
    ["/icons/icon-512.png", "image/png"],
    ["/icons/icon-maskable-512.png", "image/png"],
    ["/apple-touch-icon.png", "image/png"],
    ["/manifest.webmanifest", "application/manifest+json"],
  ];
  for (const [path, type] of files) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const favicon = await (await request.get("/favicon.ico")).body();
  expect(favicon.readUInt16LE(2)).toBe(1); // an icon
  expect(favicon.readUInt16LE(4)).toBe(3); // 16, 32 and 48 px
  expect(pngSize(await (await request.get("/apple-touch-icon.png")).body())).toBe("180x180");

  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: "Atmosphere Images", short_name: "Images", start_url: "/images", display: "standalone", background_color: "#f8fafc", theme_color: "#ffffff" });
  const pngs = manifest.icons.filter((icon: { type: string }) => icon.type === "image/png");
  expect(pngs.map((icon: { sizes: string }) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((icon: { purpose: string }) => icon.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    if (icon.type === "image/png") expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
  }
});

test("every page links them, signed out and signed in, and the browser loads each", async ({ page }) => {
  const check = async (path: string) => {
    await page.goto(path);
    const head = page.locator("head");
    await expect(head.locator('link[rel="manifest"]')).toHaveCount(1);
    await expect(head.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
    const hrefs = await head.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(hrefs.map((href) => new URL(href).pathname)).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/manifest.webmanifest"]));
    // Fetched by the page itself, with its cookies: what a browser asks for.
    const statuses = await page.evaluate(async (urls) => Promise.all(urls.map(async (url) => (await fetch(url)).status)), hrefs);
    expect(statuses).toEqual(hrefs.map(() => 200));
  };
  await check("/images");
  await check("/login");
  await signIn(page, "alice");
  await check("/images");
  await check("/settings/tokens");
});
