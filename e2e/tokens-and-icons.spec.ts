import { expect, test } from "@playwright/test";
import { imageNamed, PNG, signIn, uploadIcon } from "./helpers";

// An SVG that claims to be a PNG.
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

test("a token is created and shown once, works against the API, and stops working when revoked", async ({ page, request }) => {
  await signIn(page, "carol");
  await page.goto("/settings/tokens");
  await page.getByLabel("What it is for").fill("lab laptop");
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^atmo_/);
  await expect(page.getByRole("cell", { name: "lab laptop", exact: true })).toBeVisible();

  const headers = { Authorization: `Token ${token}` };
  expect((await request.get("/api/v1/identities", { headers })).status()).toBe(200);

  await page.reload();
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke token lab laptop" }).click();
  await expect(page.getByRole("cell", { name: "Revoked" })).toBeVisible();
  expect((await request.get("/api/v1/identities", { headers })).status()).toBe(401);
});

test("an icon upload is checked by content: a PNG is served back with its type; an SVG is refused", async ({ page, request }) => {
  const image = await imageNamed(request, "Apache2 Web Server with PHP");
  await signIn(page, "carol");
  await uploadIcon(page, image.id, { name: "icon.png", mimeType: "image/png", buffer: SVG });
  await expect(page.locator("#icon-error")).toContainText("SVG is not accepted");

  await uploadIcon(page, image.id, { name: "icon.svg", mimeType: "image/svg+xml", buffer: PNG });
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");

  const icon = (await (await request.get(`/api/v1/images/${image.id}`)).json()).icon as string;
  expect(icon).toMatch(new RegExp(`^/api/v1/images/${image.id}/icon\\?v=[0-9a-f]{16}$`));
  await expect(page.locator(`img[src="${icon}"]`)).toBeVisible();
  const served = await request.get(icon);
  expect(served.headers()).toMatchObject({
    "content-type": "image/png",
    "x-content-type-options": "nosniff",
    "cache-control": "private, max-age=31536000, immutable",
    // The route's own policy, not the one next.config.js gives the rest of the API.
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
  });
  expect(Buffer.from(await served.body())).toEqual(PNG);
  // With a trailing slash too (the route answers it): still the icon's own policy.
  const slashed = await request.get(`/api/v1/images/${image.id}/icon/`);
  expect(slashed.status()).toBe(200);
  expect(slashed.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
});

test("a private image's icon is kept per viewer and revalidated, through the production server", async ({ page, request }) => {
  const image = await imageNamed(request, "Carol's Thesis Environment");
  await signIn(page, "carol");
  await uploadIcon(page, image.id, { name: "icon.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  const path = `/api/v1/images/${image.id}/icon`;

  const served = await page.request.get(path); // with carol's session cookie
  expect(served.headers()).toMatchObject({ "cache-control": "private, no-cache", vary: expect.stringMatching(/Cookie, Authorization/) });
  expect(served.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  const etag = served.headers().etag;
  expect((await page.request.get(path, { headers: { "If-None-Match": etag } })).status()).toBe(304);
  expect((await request.get(path, { headers: { "If-None-Match": etag } })).status()).toBe(404);
});

test("the tokens page lists 20 a page, active tokens first and newest first; a page past the last is a 404", async ({ page, request }) => {
  for (let index = 1; index <= 25; index++) {
    const name = `paged ${String(index).padStart(2, "0")}`;
    const made = await request.post("/api/v1/auth/token", { data: { username: "bob", password: "bob-demo", name, expires_in_days: null } });
    expect(made.status()).toBe(201);
  }
  await signIn(page, "bob");
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Revoke token paged 25" }).click();
  await expect(page.getByRole("row", { name: /paged 25/ })).toHaveCount(0); // revoked: moved after every active token

  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(20);
  await expect(rows.first().getByRole("cell").first()).toHaveText("paged 24");
  const pages = Number(/of (\d+)/.exec(await page.getByText(/^Page 1 of \d+$/).innerText())![1]);
  expect(pages).toBeGreaterThanOrEqual(2);

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens\?page=2$/);
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
  await page.goto(`/settings/tokens?page=${pages}`);
  await expect(rows.last()).toContainText("paged 25");
  await expect(rows.last()).toContainText("Revoked");

  for (const past of [String(pages + 1), "0", "two"]) expect((await page.goto(`/settings/tokens?page=${past}`))!.status()).toBe(404);
});
