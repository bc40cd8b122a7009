import { expect, test } from "@playwright/test";
import { imageNamed } from "./helpers";

test.use({ javaScriptEnabled: false });

test("the catalog and an image's page read without JavaScript", async ({ page, request }) => {
  await page.goto("/images");
  await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Images" }).getByRole("heading")).toHaveCount(12);

  // The search box is a plain form: submitting it keeps the query in the URL.
  await page.getByRole("searchbox", { name: "Search images" }).fill("galaxy");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/search=galaxy/);
  await expect(page.getByRole("list", { name: "Images" }).getByRole("heading")).toHaveText(["Galaxy 23 Server"]);

  const image = await imageNamed(request, "Galaxy 23 Server");
  await page.getByRole("link", { name: "Galaxy 23 Server" }).click();
  await expect(page).toHaveURL(`/images/${image.id}`);
  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Marana Cloud" }).first()).toBeVisible();
});

test("editing works without JavaScript, tags as one comma-separated field", async ({ page, request }) => {
  const image = await imageNamed(request, "WRF Weather Model 4.5");
  await page.goto("/login");
  await page.getByLabel("Username").fill("bob");
  await page.getByLabel("Password").fill("bob-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.goto(`/images/${image.id}/edit`);
  await page.getByRole("textbox", { name: /^Tags/ }).fill("Climate, HPC, Fortran, Weather");
  await page.getByLabel("Name", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#name-error")).toHaveText("May not be blank.");
  await expect(page.getByRole("textbox", { name: /^Tags/ })).toHaveValue("Climate, HPC, Fortran, Weather");

  await page.getByLabel("Name", { exact: true }).fill("WRF Weather Model 4.6");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  await expect(page.getByRole("link", { name: "Weather" })).toBeVisible();
});

test("an image request can be sent and withdrawn without JavaScript", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("carol");
  await page.getByLabel("Password").fill("carol-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.goto("/instances");
  await page.getByRole("link", { name: "Request an image of carol-analysis-red" }).click();
  await page.getByLabel(/^Image name/).fill("Carol Without Scripts");
  await page.getByLabel(/^Description/).fill("Sent from a browser with JavaScript off.");
  await page.getByRole("textbox", { name: /^Tags/ }).fill("Analysis, Plain HTML");
  await page.getByLabel(/^Everyone/).check();
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toHaveText("Your request was sent to support.");
  await expect(page.getByText("Analysis, Plain HTML")).toBeVisible();
  await page.getByRole("button", { name: "Withdraw request" }).click();
  await expect(page.getByRole("list", { name: "Status history" })).toContainText("Withdrawn");
});
