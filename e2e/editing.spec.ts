import { expect, test } from "@playwright/test";
import { accountMenu, apiImages, imageNamed, signIn } from "./helpers";

test("the creator edits name, tags and description; the change shows on the page and in the API", async ({ page, request }) => {
  const image = await imageNamed(request, "RStudio Server 2024");
  await signIn(page, "alice");
  await page.goto(`/images/${image.id}`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Edit image" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("RStudio Server 2025");
  await page.getByLabel("Description").fill("RStudio Server with the tidyverse.\nNow with Quarto.");
  await page.getByRole("button", { name: "Remove RStudio" }).click();
  await page.getByRole("textbox", { name: /^Tags/ }).fill("Quarto");
  await page.getByRole("textbox", { name: /^Tags/ }).press("Enter");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(`/images/${image.id}?saved=1`);
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  await expect(page.getByRole("heading", { name: "RStudio Server 2025", level: 1 })).toBeVisible();
  await expect(page.getByText("Now with Quarto.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Quarto" })).toBeVisible();

  const api = await request.get(`/api/v1/images/${image.id}`);
  expect(await api.json()).toMatchObject({
    name: "RStudio Server 2025",
    description: "RStudio Server with the tidyverse.\nNow with Quarto.",
    tags: ["Data Science", "Quarto", "R"],
  });
});

test("inline errors: the API's rules, shown before sending and kept after the server refuses", async ({ page, request }) => {
  const image = await imageNamed(request, "BLAST+ 2.15 Workbench");
  await signIn(page, "alice");
  await page.goto(`/images/${image.id}/edit`);
  await page.getByLabel("Name", { exact: true }).fill("   ");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#name-error")).toHaveText("May not be blank.");
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();

  // Unknown users are found only by the server: the form comes back with what was typed.
  await page.getByLabel("Name", { exact: true }).fill("BLAST+ 2.16 Workbench");
  await page.getByLabel(/^Shared with some people/).check();
  await page.getByLabel("Usernames, separated by commas").fill("bob, nobody-here");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#shared_with-error")).toHaveText("Unknown user: nobody-here.");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("BLAST+ 2.16 Workbench");
  await expect(page.getByLabel("Usernames, separated by commas")).toHaveValue("bob, nobody-here");
  expect((await (await request.get(`/api/v1/images/${image.id}`)).json()).name).toBe("BLAST+ 2.15 Workbench");
});

test("retiring hides an image from others; its creator still reaches it and restores it", async ({ page, browser, request }) => {
  const image = await imageNamed(request, "QIIME 2 Amplicon 2024.5");
  await signIn(page, "alice");
  await page.goto(`/images/${image.id}/edit`);
  await page.getByLabel("Retire it now").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Retired", { exact: true })).toBeVisible();

  expect((await apiImages(request, "", "carol")).results.map((i) => i.id)).not.toContain(image.id);
  const carol = await browser.newPage();
  await signIn(carol, "carol");
  expect((await carol.goto(`/images/${image.id}`))?.status()).toBe(404);
  await carol.goto("/images?search=qiime");
  await expect(carol.getByText("No image matches these filters.")).toBeVisible();

  await page.goto("/images");
  await accountMenu(page, "alice").click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My images" }).click();
  await expect(page.getByRole("link", { name: "QIIME 2 Amplicon 2024.5" })).toBeVisible();
  await page.goto(`/images/${image.id}/edit`);
  await page.getByLabel("Restore it to the catalog").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  await carol.goto(`/images/${image.id}`);
  await expect(carol.getByRole("heading", { name: "QIIME 2 Amplicon 2024.5", level: 1 })).toBeVisible();
});

test("scheduling retirement shows the notice on the card and the page", async ({ page, request }) => {
  const image = await imageNamed(request, "Julia 1.10 Scientific Computing");
  await signIn(page, "support");
  await page.goto(`/images/${image.id}/edit`);
  await page.getByLabel("Retirement day").fill("2099-03-01");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Removal scheduled for Mar 1, 2099")).toBeVisible();
  await page.goto("/images?search=julia");
  await expect(page.getByRole("list", { name: "Images" }).getByText("Removal scheduled for Mar 1, 2099")).toBeVisible();
});
