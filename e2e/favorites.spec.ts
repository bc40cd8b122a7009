// Favorites (SPEC §8) in the browser: the star on cards and on the image page, its count, and
// the catalog's Favorites tab, with JavaScript (optimistic) and without (plain forms).
import { expect, test, type Page } from "@playwright/test";
import { imageNamed, signIn, tokenFor } from "./helpers";

const results = (page: Page) => page.getByRole("list", { name: "Images" });
const card = (page: Page, name: string) => results(page).getByRole("article").filter({ has: page.getByRole("heading", { name, exact: true }) });
const favoritesTab = (page: Page) => page.getByRole("navigation", { name: "Whose images" }).getByRole("link", { name: "Favorites" });

async function bookmarkOf(request: import("@playwright/test").APIRequestContext, id: string, username: string) {
  const response = await request.get(`/api/v1/images/${id}/bookmark`, { headers: { Authorization: `Token ${tokenFor(username)}` } });
  expect(response.status()).toBe(200);
  return response.json();
}

test.describe("with JavaScript", () => {
  test("the star marks at once, the count follows, and the Favorites tab lists it", async ({ page, request }) => {
    const name = "Julia 1.10 Scientific Computing";
    const image = await imageNamed(request, name);
    await signIn(page, "carol");

    // On a card of the catalog.
    await page.goto("/images?search=julia");
    const star = card(page, name).getByRole("button", { name: "Add to favorites" });
    await expect(star).toHaveAttribute("aria-pressed", "false");
    await star.click();
    await expect(card(page, name).getByRole("button", { name: "Remove from favorites" })).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => bookmarkOf(request, image.id, "carol")).toEqual({ bookmarked: true, count: 1 });

    // On the image page, with the count; the answer is held back to show the star does not wait for it.
    await page.goto(`/images/${image.id}`);
    const pressed = page.getByRole("button", { name: "Remove from favorites" });
    await expect(pressed).toHaveAttribute("aria-pressed", "true");
    await expect(pressed).toHaveText("1");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/images/${image.id}`, async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await pressed.click();
    const unpressed = page.getByRole("button", { name: "Add to favorites" });
    await expect(unpressed).toHaveAttribute("aria-pressed", "false", { timeout: 1000 });
    await expect(unpressed).toHaveText("0");
    expect(await bookmarkOf(request, image.id, "carol")).toEqual({ bookmarked: true, count: 1 });
    release();
    await expect.poll(() => bookmarkOf(request, image.id, "carol")).toEqual({ bookmarked: false, count: 0 });
    await page.unroute(`**/images/${image.id}`);
    await page.reload();
    await expect(page.getByRole("button", { name: "Add to favorites" })).toHaveText("0");

    // Someone else's mark counts too.
    const bob = await request.put(`/api/v1/images/${image.id}/bookmark`, { headers: { Authorization: `Token ${tokenFor("bob")}` } });
    expect(bob.status()).toBe(204);
    await page.getByRole("button", { name: "Add to favorites" }).click();
    await expect(page.getByRole("button", { name: "Remove from favorites" })).toHaveText("2");
    await page.reload();
    await expect(page.getByRole("button", { name: "Remove from favorites" })).toHaveText("2");

    // The Favorites tab, next to My images and Shared with me.
    await page.goto("/images");
    await favoritesTab(page).click();
    await expect(page).toHaveURL(/bookmarked=true/);
    await expect(favoritesTab(page)).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "1 image" })).toBeVisible();
    await expect(results(page).getByRole("heading", { level: 3 })).toHaveText([name]);
    // Unmarked from there, it leaves the list.
    await card(page, name).getByRole("button", { name: "Remove from favorites" }).click();
    await expect(page.getByText("No favorites yet")).toBeVisible();
    await expect.poll(() => bookmarkOf(request, image.id, "carol")).toEqual({ bookmarked: false, count: 1 });
  });

  test("signed out, there is no star: the image page shows the count, the Favorites tab asks to sign in", async ({ page, request }) => {
    const image = await imageNamed(request, "Julia 1.10 Scientific Computing");
    await page.goto(`/images/${image.id}`);
    await expect(page.getByText("1 person marks it as a favorite")).toBeVisible();
    await expect(page.getByRole("button", { name: /favorites/ })).toHaveCount(0);
    await page.goto("/images");
    await expect(page.getByRole("button", { name: /favorites/ })).toHaveCount(0);
    await page.goto("/images?bookmarked=true");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the star is a plain form, on the image page and on cards", async ({ page, request }) => {
    const name = "Debian 12 Bookworm Base";
    const image = await imageNamed(request, name);
    await page.goto("/login");
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("bob-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));

    await page.goto(`/images/${image.id}`);
    await page.getByRole("button", { name: "Add to favorites" }).click();
    await expect(page).toHaveURL(`/images/${image.id}`);
    await expect(page.getByRole("button", { name: "Remove from favorites" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("button", { name: "Remove from favorites" })).toHaveText("1");
    expect(await bookmarkOf(request, image.id, "bob")).toEqual({ bookmarked: true, count: 1 });

    await page.goto("/images");
    await favoritesTab(page).click();
    await expect(results(page).getByRole("heading", { level: 3 })).toContainText([name]);
    await card(page, name).getByRole("button", { name: "Remove from favorites" }).click();
    await expect(page).toHaveURL(/bookmarked=true/);
    await expect(card(page, name)).toHaveCount(0);
    expect(await bookmarkOf(request, image.id, "bob")).toEqual({ bookmarked: false, count: 0 });

    // And back from a card of the whole catalog.
    await page.goto("/images?search=debian");
    await card(page, name).getByRole("button", { name: "Add to favorites" }).click();
    await expect(card(page, name).getByRole("button", { name: "Remove from favorites" })).toBeVisible();
    expect(await bookmarkOf(request, image.id, "bob")).toEqual({ bookmarked: true, count: 1 });
  });
});
