import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { imageNamed, signIn } from "./helpers";

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`axe-core in ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test("every page has no serious or critical violation", async ({ page, request }) => {
      test.setTimeout(120_000); // a dozen pages, each analysed by axe
      const image = await imageNamed(request, "Jupyter Data Science Stack");
      for (const path of ["/login", "/images", "/images?search=zzz-nothing", "/docs/api"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
      await signIn(page, "alice");
      for (const path of ["/images", `/images/${image.id}`, `/images/${image.id}/edit`, `/images/${image.id}/versions/1/edit`, "/settings/tokens", "/instances", "/requests", "/requests/1"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
      await page.goto("/instances");
      // alice-analysis-jetstream2 runs her RStudio image: the form offers its next version.
      await page.getByRole("link", { name: "Request an image of alice-analysis-jetstream2" }).click();
      await expect(page.getByRole("heading", { name: "Request an image" })).toBeVisible();
      await expectNoSeriousViolations(page);
      await signIn(page, "support");
      for (const path of ["/admin/requests", "/admin/providers"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
    });

    test("favorites: stars pressed and not, the count, the Favorites tab", async ({ page, request }) => {
      const image = await imageNamed(request, "Jupyter Data Science Stack");
      await page.goto(`/images/${image.id}`);
      await expectNoSeriousViolations(page);
      await signIn(page, "alice");
      // A Featured image is on the shelf and in the results: its two stars' ids must not clash.
      await page.request.put(`/api/v1/images/${image.id}/bookmark`);
      for (const path of ["/images", "/images?bookmarked=true", `/images/${image.id}`, "/images?bookmarked=true&search=zzz-nothing"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
      await page.request.delete(`/api/v1/images/${image.id}/bookmark`);
    });
  });
}
