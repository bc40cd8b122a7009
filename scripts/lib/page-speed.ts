// The catalog as a person meets it, measured in Chromium: Largest Contentful Paint of /images,
// and the time from the last keystroke of a search to the results it shows.
import { chromium } from "@playwright/test";

export async function pageSpeed(url: string, search = "galaxy"): Promise<{ lcp_ms: number; search_ms: number }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/images`, { waitUntil: "load" });
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1].startTime);
          }).observe({ type: "largest-contentful-paint", buffered: true });
        }),
    );
    const heading = page.getByRole("heading", { level: 2, name: /images?( match)?$/ });
    const before = await heading.innerText();
    await page.getByRole("searchbox", { name: "Search images" }).pressSequentially(search, { delay: 50 });
    const typed = Date.now();
    await page.waitForFunction((previous) => {
      const element = [...document.querySelectorAll("h2")].find((h) => /images?( match)?$/.test(h.textContent ?? ""));
      return element && element.textContent !== previous;
    }, before);
    return { lcp_ms: Math.round(lcp), search_ms: Date.now() - typed };
  } finally {
    await browser.close();
  }
}
