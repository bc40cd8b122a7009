import { expect, test } from "@playwright/test";
import { imageNamed, signIn } from "./helpers";

test("a private image shared with bob is under his \"Shared with me\", not carol's", async ({ browser, request }) => {
  const shared = await imageNamed(request, "Alice's Lab Notebook Server");
  const bob = await browser.newPage();
  await signIn(bob, "bob");
  await bob.goto("/images");
  await bob.getByRole("link", { name: "Shared with me" }).click();
  await expect(bob).toHaveURL(/shared_with_me=true/);
  await expect(bob.getByRole("link", { name: shared.name })).toBeVisible();
  await bob.getByRole("link", { name: shared.name }).click();
  await expect(bob.getByRole("heading", { name: shared.name, level: 1 })).toBeVisible();
  await expect(bob.getByRole("main").getByText("Private", { exact: true })).toBeVisible();

  const carol = await browser.newPage();
  await signIn(carol, "carol");
  await carol.goto("/images?shared_with_me=true");
  await expect(carol.getByRole("link", { name: shared.name })).toHaveCount(0);
  await carol.goto("/images?search=notebook%20server");
  await expect(carol.getByRole("link", { name: shared.name })).toHaveCount(0);
  expect((await carol.goto(`/images/${shared.id}`))?.status()).toBe(404);
});

test("someone who is not the creator sees no Edit button, and the edit page refuses them", async ({ page, request }) => {
  const image = await imageNamed(request, "Galaxy 23 Server"); // bob's
  await signIn(page, "carol");
  await page.goto(`/images/${image.id}`);
  await expect(page.getByRole("heading", { name: "Galaxy 23 Server", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  const response = await page.goto(`/images/${image.id}/edit`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You cannot do that" })).toBeVisible();
});

test("the edit page sends anonymous visitors to sign in, and back", async ({ page, request }) => {
  const image = await imageNamed(request, "Galaxy 23 Server");
  await page.goto(`/images/${image.id}/edit`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Username").fill("bob");
  await page.getByLabel("Password").fill("bob-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`/images/${image.id}/edit`);
  await expect(page.getByRole("heading", { name: "Edit image" })).toBeVisible();
});

test("staff may edit anyone's image", async ({ page, request }) => {
  const image = await imageNamed(request, "Galaxy 23 Server");
  await signIn(page, "support");
  await page.goto(`/images/${image.id}`);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toBeVisible();
});
