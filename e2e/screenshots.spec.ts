import { test } from "@playwright/test";
import { imageNamed } from "./helpers";

// Saved as test artifacts (test-results/screenshots/), for people to look at.
for (const width of [390, 1280]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`catalog and detail at ${width}px, ${scheme}`, async ({ page, request }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      const image = await imageNamed(request, "Galaxy 23 Server");
      for (const [name, path] of [["catalog", "/images"], ["detail", `/images/${image.id}`]]) {
        await page.goto(path);
        const file = `test-results/screenshots/${name}-${width}-${scheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(`${name}-${width}-${scheme}`, { path: file, contentType: "image/png" });
      }
    });
  }
}
