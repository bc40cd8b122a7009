import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((source) => new Function("el", `return (${source})(el)`)(document.activeElement), matches.toString())) return;
  }
  throw new Error("never reached the element by Tab");
}

test("search, open an image, edit and save, with the keyboard alone", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/images");
  await tabTo(page, (el) => el.id === "catalog-search");
  await page.keyboard.type("single-cell");
  await expect(page).toHaveURL(/search=single-cell/);
  await expect(page.getByRole("list", { name: "Images" }).getByRole("heading")).toHaveText(["Single-cell Analysis Toolkit"]);

  await tabTo(page, (el) => el.textContent === "Single-cell Analysis Toolkit" && el.tagName === "A");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Single-cell Analysis Toolkit", level: 1 })).toBeVisible();

  await tabTo(page, (el) => el.tagName === "A" && el.textContent === "Edit");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Edit image" })).toBeVisible();

  await tabTo(page, (el) => el.id === "name");
  await page.keyboard.press("End");
  await page.keyboard.type(" (keyboard)");
  await tabTo(page, (el) => el.id === "tags");
  await page.keyboard.type("Accessible");
  await page.keyboard.press("Enter");
  await tabTo(page, (el) => el.textContent === "Save changes");
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  await expect(page.getByRole("heading", { name: "Single-cell Analysis Toolkit (keyboard)", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Accessible" })).toBeVisible();
});

test("the skip link jumps to the content", async ({ page }) => {
  await page.goto("/images");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});
