// The catalog as a person meets it, measured in Chromium: Largest Contentful Paint of /images,
// and the time from the last keystroke of a search to the results it shows; the median of three
// visits, each typing a different word (so that nothing of one search is remembered for the next).
import { chromium, type Browser } from "@playwright/test";

const SEARCHES = ["galaxy", "rstudio", "qiime"];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function pageSpeed(url: string): Promise<{ lcp_ms: number; search_ms: number }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const visits = [];
    for (const search of SEARCHES) visits.push(await visit(browser, url, search));
    return { lcp_ms: median(visits.map((v) => v.lcp_ms)), search_ms: median(visits.map((v) => v.search_ms)) };
  } finally {
    await browser.close();
  }
}

async function visit(browser: Browser, url: string, search: string): Promise<{ lcp_ms: number; search_ms: number }> {
  const page = await browser.newPage();
  try {
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
    await page.close();
  }
}
