import { expect, test } from "@playwright/test";
import { apiImages, cardNames, imageNamed } from "./helpers";

test.describe("the catalog, anonymous", () => {
  test("shows only public, current images", async ({ page, request }) => {
    const visible = await apiImages(request);
    await page.goto("/images");
    await expect(page.getByRole("heading", { name: `${visible.count} images`, level: 2 })).toBeVisible();
    const names = [...(await cardNames(page))];
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/page=2/);
    names.push(...(await cardNames(page)));
    expect(names.sort()).toEqual(visible.results.map((image) => image.name).sort());
    expect(visible.results.every((image) => !image.private)).toBe(true);
    await expect(page.getByText("Private", { exact: true })).toHaveCount(0);
  });

  test("search filters as you type and keeps the query in the URL", async ({ page, request }) => {
    await page.goto("/images");
    await page.getByRole("searchbox", { name: "Search images" }).pressSequentially("gpu notebook", { delay: 30 });
    await expect(page).toHaveURL(/[?&]search=gpu(\+|%20)notebook/);
    const expected = (await apiImages(request, "search=gpu%20notebook")).results.map((image) => image.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => (await cardNames(page)).sort()).toEqual(expected);
    await expect(page.getByRole("heading", { name: "Featured" })).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search images" })).toHaveValue("gpu notebook");
    expect((await cardNames(page)).sort()).toEqual(expected);
  });

  test("a tag facet narrows the results, and a second one narrows further", async ({ page, request }) => {
    await page.goto("/images");
    await page.getByRole("link", { name: /^Filter by tag GPU,/ }).click();
    await expect(page).toHaveURL(/tag=GPU/);
    const gpu = await apiImages(request, "tag=GPU");
    await expect(page.getByRole("heading", { name: `${gpu.count} images match` })).toBeVisible();
    await page.getByRole("link", { name: /^Filter by tag Python,/ }).click();
    const both = await apiImages(request, "tag=GPU&tag=Python");
    await expect(page.getByRole("heading", { name: `${both.count} images match` })).toBeVisible();
    expect(both.count).toBeLessThan(gpu.count);
    await page.getByRole("link", { name: /^Remove tag filter Python,/ }).click();
    await expect(page.getByRole("heading", { name: `${gpu.count} images match` })).toBeVisible();
  });

  test("an empty result says so and offers to clear the filters", async ({ page }) => {
    await page.goto("/images?search=no-such-image-anywhere");
    await expect(page.getByText("No image matches these filters.")).toBeVisible();
    await page.getByRole("link", { name: "Clear the filters" }).click();
    await expect(page).toHaveURL(/\/images$/);
    await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
  });

  test("pagination moves between pages", async ({ page, request }) => {
    const pages = Math.ceil((await apiImages(request)).count / 12);
    expect(pages).toBeGreaterThan(1);
    await page.goto("/images");
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
    const first = await cardNames(page);
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
    expect(await cardNames(page)).not.toEqual(first);
    await page.getByRole("link", { name: "← Previous" }).click();
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
  });

  test("a private image's page is not found, exactly like a missing one", async ({ page, request }) => {
    const hidden = await imageNamed(request, "Alice's RNA-seq Pipeline (private)");
    const response = await page.goto(`/images/${hidden.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    const missing = await page.goto("/images/00000000-0000-0000-0000-000000000000");
    expect(missing?.status()).toBe(404);
  });

  test("bad filters get an explanation, not an error page", async ({ page }) => {
    await page.goto("/images?ordering=sideways");
    await expect(page.getByRole("heading", { name: "These filters cannot be used" })).toBeVisible();
    await expect(page.getByText("ordering")).toBeVisible();
  });
});
