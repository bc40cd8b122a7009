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

    test("catalog, detail, edit, login and tokens pages have no serious or critical violation", async ({ page, request }) => {
      const image = await imageNamed(request, "Jupyter Data Science Stack");
      for (const path of ["/login", "/images", "/images?search=zzz-nothing"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
      await signIn(page, "alice");
      for (const path of ["/images", `/images/${image.id}`, `/images/${image.id}/edit`, "/settings/tokens"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page);
      }
    });
  });
}
